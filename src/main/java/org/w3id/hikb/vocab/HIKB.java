package org.w3id.hikb.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The terms of the HIKB ontology ({@code https://w3id.org/hikb/ontology#}) that Java code refers to.
 * The ontology itself is data: {@code ontology/hikb.ttl}.
 */
public final class HIKB {
    public static final String NS = "https://w3id.org/hikb/ontology#";
    public static final String ONTOLOGY = "https://w3id.org/hikb/ontology";

    private HIKB() {}

    private static Node term(String local) { return NodeFactory.createURI(NS + local); }

    // Classes
    public static final Node Initiative = term("Initiative");
    public static final Node Project = term("Project");
    public static final Node Programme = term("Programme");
    public static final Node ClusterPartnership = term("ClusterPartnership");
    public static final Node InnovationHub = term("InnovationHub");
    public static final Node Network = term("Network");
    public static final Node Organisation = term("Organisation");
    public static final Node Event = term("Event");
    public static final Node Workshop = term("Workshop");
    public static final Node ProjectMeeting = term("ProjectMeeting");
    public static final Node Place = term("Place");
    public static final Node Funding = term("Funding");
    public static final Node SourceDocument = term("SourceDocument");
    public static final Node ResultsBrief = term("ResultsBrief");

    // Properties
    public static final Node acronym = term("acronym");
    public static final Node order = term("order");
    public static final Node Version = term("Version");
    public static final Node addedStatements = term("addedStatements");
    public static final Node deletedStatements = term("deletedStatements");
    public static final Node programme = term("programme");
    public static final Node instrumentType = term("instrumentType");
    public static final Node funding = term("funding");
    public static final Node fund = term("fund");
    public static final Node currency = term("currency");
    public static final Node totalBudget = term("totalBudget");
    public static final Node euContribution = term("euContribution");
    public static final Node cofinancingRate = term("cofinancingRate");
    public static final Node startDate = term("startDate");
    public static final Node endDate = term("endDate");
    public static final Node duration = term("duration");
    public static final Node country = term("country");
    public static final Node region = term("region");
    public static final Node location = term("location");
    public static final Node theme = term("theme");
    public static final Node derivedTheme = term("derivedTheme");
    public static final Node targetGroup = term("targetGroup");
    public static final Node sector = term("sector");
    public static final Node partner = term("partner");
    public static final Node leadOrganisation = term("leadOrganisation");
    public static final Node relatedInitiative = term("relatedInitiative");
    public static final Node eventOf = term("eventOf");
    public static final Node objective = term("objective");
    public static final Node keyword = term("keyword");
    public static final Node programmePart = term("programmePart");
    public static final Node pilot = term("pilot");
    public static final Node pilotType = term("pilotType");
    public static final Node workPackage = term("workPackage");
    public static final Node outcome = term("outcome");
    public static final Node funder = term("funder");
    public static final Node collaboratesWith = term("collaboratesWith");
    public static final Node network = term("network");
    public static final Node host = term("host");
    public static final Node organiser = term("organiser");
    public static final Node translatedLanguage = term("translatedLanguage");

    // The change log and bookkeeping (see the "Change log" section of the ontology)
    public static final Node Change = term("Change");
    public static final Node generation = term("generation");
    public static final Node replicatedOffset = term("replicatedOffset");
    public static final Node operation = term("operation");
    public static final Node affects = term("affects");
    public static final Node quadsAdded = term("quadsAdded");
    public static final Node quadsDeleted = term("quadsDeleted");
    public static final Node contentHash = term("contentHash");
    public static final Node sourceFile = term("sourceFile");
    public static final Node WorkPackage = term("WorkPackage");
    public static final Node Pilot = term("Pilot");
    public static final Node Outcome = term("Outcome");
    public static final Node actionType = term("actionType");
    public static final Node callTopic = term("callTopic");
    public static final Node participantCount = term("participantCount");
    public static final Node quantity = term("quantity");
    public static final Node sourceProjectId = term("sourceProjectId");
    public static final Node droppedFromSource = term("droppedFromSource");
}

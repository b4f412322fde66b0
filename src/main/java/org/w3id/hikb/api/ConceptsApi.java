package org.w3id.hikb.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;
import org.w3id.hikb.recordjson.RecordJson;

/** {@code GET /api/concepts/{scheme}}: a controlled vocabulary with its labels in the four languages. */
public final class ConceptsApi implements WebServer.Routes {
    private final KnowledgeStore store;

    public ConceptsApi(KnowledgeStore store) {
        this.store = store;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/concepts", this::schemes);
        routes.get("/api/concepts/{scheme}", this::scheme);
    }

    private void schemes(Context ctx) {
        Params.onlyKnown(ctx, Set.of("lang"));
        Lang lang = Params.lang(ctx);
        ctx.json(store.read(dsg -> {
            Labels labels = new Labels(dsg);
            ObjectNode out = RecordJson.JSON.objectNode();
            ArrayNode a = out.putArray("schemes");
            dsg.find(Node.ANY, Node.ANY, Terms.TYPE, Terms.CONCEPT_SCHEME).forEachRemaining(q -> {
                Node s = q.getSubject();
                if (s.isURI() && s.getURI().startsWith(Namespaces.CONCEPT))
                    a.addObject().put("id", s.getURI()).put("name", s.getURI().substring(Namespaces.CONCEPT.length()))
                            .put("label", labels.label(s, lang));
            });
            return out;
        }));
    }

    private void scheme(Context ctx) {
        Params.onlyKnown(ctx, Set.of("lang"));
        Lang lang = Params.lang(ctx);
        String name = ctx.pathParam("scheme");
        ctx.json(store.read(dsg -> {
            Node scheme = NodeFactory.createURI(Namespaces.CONCEPT + name);
            if (!name.matches("[a-z]+(-[a-z]+)*") || !dsg.find(Node.ANY, scheme, Terms.TYPE, Terms.CONCEPT_SCHEME).hasNext())
                throw new NotFoundResponse("There is no concept scheme '" + Params.clip(name) + "'; see /api/concepts.");
            Labels labels = new Labels(dsg);
            ObjectNode out = RecordJson.JSON.objectNode();
            out.put("id", scheme.getURI());
            out.put("label", labels.label(scheme, lang));
            ArrayNode concepts = out.putArray("concepts");
            List<Node> members = new ArrayList<>();
            dsg.find(Node.ANY, Node.ANY, Terms.IN_SCHEME, scheme).forEachRemaining(q -> { if (!members.contains(q.getSubject())) members.add(q.getSubject()); });
            members.sort((a, b) -> labels.label(a, lang).compareToIgnoreCase(labels.label(b, lang)));
            for (Node c : members) concepts.add(concept(dsg, labels, c, lang));
            return out;
        }));
    }

    private static ObjectNode concept(DatasetGraph dsg, Labels labels, Node c, Lang lang) {
        ObjectNode o = RecordJson.JSON.objectNode();
        o.put("id", c.getURI());
        o.put("notation", c.getURI().substring(c.getURI().lastIndexOf('/') + 1));
        o.put("label", labels.label(c, lang));
        ObjectNode pref = o.putObject("prefLabel");
        ObjectNode alt = o.putObject("altLabel");
        ObjectNode def = o.putObject("definition");
        dsg.find(Node.ANY, c, Node.ANY, Node.ANY).forEachRemaining(q -> {
            Node p = q.getPredicate();
            Node v = q.getObject();
            if (!v.isLiteral()) return;
            String tag = v.getLiteralLanguage().isEmpty() ? "und" : v.getLiteralLanguage();
            if (p.equals(Terms.PREF_LABEL)) pref.put(tag, v.getLiteralLexicalForm());
            else if (p.equals(Terms.ALT_LABEL)) alt.withArray(tag).add(v.getLiteralLexicalForm());
            else if (p.equals(Terms.DEFINITION)) def.put(tag, v.getLiteralLexicalForm());
        });
        ArrayNode broader = o.putArray("broader");
        dsg.find(Node.ANY, c, Terms.BROADER, Node.ANY).forEachRemaining(q -> broader.add(q.getObject().getURI()));
        ArrayNode matches = o.putArray("matches");
        for (Node p : List.of(Terms.EXACT_MATCH, Terms.CLOSE_MATCH))
            dsg.find(Node.ANY, c, p, Node.ANY).forEachRemaining(q -> matches.addObject()
                    .put("id", q.getObject().toString()).put("label", labels.label(q.getObject(), lang)));
        return o;
    }
}

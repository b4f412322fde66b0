package org.w3id.hikb.linkeddata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.PROV;
import org.w3id.hikb.vocab.Terms;
import org.w3id.hikb.write.History;

/**
 * The change feed as a Linked Data Event Stream (SEMIC LDES, TREE): every committed write, for every record
 * or concept it touched, is a member: a version object {@code https://w3id.org/hikb/version/<generation>/<path>}
 * with {@code dct:isVersionOf} the record, {@code dct:created} the commit time, the change that made it and
 * its operation. Members are in commit order, {@value #PAGE_SIZE} to a page ({@code /feed/0}, {@code /feed/1},
 * ...); each page links to the next with a {@code tree:GreaterThanOrEqualToRelation} on {@code dct:created}.
 * A full page never changes again. A harvester reads from where it stopped and fetches the records named.
 * The stream is {@code https://w3id.org/hikb/feed}; its pages are named by the URLs they are served at
 * ({@code <origin>/feed/N}), as TREE clients expect: a client that follows {@code tree:node} fetches that
 * very IRI and finds the page's relations on it, with no redirect in between to lose them.
 * Must be called inside a read transaction.
 */
final class ChangeFeed {
    static final int PAGE_SIZE = 250;
    static final String LDES = Namespaces.LDES;
    static final String TREE = Namespaces.TREE;
    static final Node STREAM = NodeFactory.createURI(Namespaces.BASE + "feed");

    private ChangeFeed() {}

    /** One member: a record as changed by one commit. */
    record Member(long generation, Node record, Instant time, String operation) {}

    /** A page and whether it is full (so it will not change any more). */
    record Page(Graph graph, boolean full) {}

    /** Page {@code n} as served from {@code origin} (scheme, host and port). */
    static Node page(String origin, long n) {
        return NodeFactory.createURI(origin + "/feed/" + n);
    }

    /** The event stream's own description, pointing at its first page. */
    static Graph stream(String origin) {
        Graph g = graph();
        describeStream(g);
        add(g, STREAM, uri(TREE + "view"), page(origin, 0));
        return g;
    }

    /** Page {@code n}, or null if the feed has not got that far. */
    static Page page(DatasetGraph dsg, String origin, long n) {
        long start = n * PAGE_SIZE;
        List<Member> members = new ArrayList<>();
        long seen = 0;
        long last = History.generation(dsg);
        Member firstOfNext = null;
        for (long gen = 1; gen <= last && firstOfNext == null; gen++) {
            Node change = NodeFactory.createURI(Namespaces.BASE + "change/" + gen);
            List<Node> affected = new ArrayList<>();
            dsg.find(GraphNames.CHANGES, change, HIKB.affects, Node.ANY).forEachRemaining(q -> affected.add(q.getObject()));
            if (seen + affected.size() <= start) {
                seen += affected.size();
                continue;
            }
            affected.sort((a, b) -> a.getURI().compareTo(b.getURI()));
            Instant time = Instant.parse(literal(dsg, change, PROV.endedAtTime));
            String operation = literal(dsg, change, HIKB.operation);
            for (Node record : affected) {
                if (seen >= start + PAGE_SIZE) {
                    firstOfNext = new Member(gen, record, time, operation);
                    break;
                }
                if (seen >= start) members.add(new Member(gen, record, time, operation));
                seen++;
            }
        }
        if (members.isEmpty() && n > 0) return null;
        Graph g = graph();
        describeStream(g);
        Node self = page(origin, n);
        add(g, STREAM, uri(TREE + "view"), page(origin, 0));
        add(g, self, Terms.TYPE, uri(TREE + "Node"));
        for (Member m : members) {
            Node v = version(m);
            add(g, STREAM, uri(TREE + "member"), v);
            add(g, v, uri(Namespaces.DCT + "isVersionOf"), m.record());
            add(g, v, Terms.CREATED, NodeFactory.createLiteralDT(m.time().toString(), XSDDatatype.XSDdateTime));
            add(g, v, uri(PROV.NS + "wasGeneratedBy"), NodeFactory.createURI(Namespaces.BASE + "change/" + m.generation()));
            add(g, v, HIKB.operation, NodeFactory.createLiteralString(m.operation()));
        }
        if (firstOfNext != null) {
            Node relation = NodeFactory.createBlankNode();
            add(g, self, uri(TREE + "relation"), relation);
            add(g, relation, Terms.TYPE, uri(TREE + "GreaterThanOrEqualToRelation"));
            add(g, relation, uri(TREE + "node"), page(origin, n + 1));
            add(g, relation, uri(TREE + "path"), Terms.CREATED);
            add(g, relation, uri(TREE + "value"), NodeFactory.createLiteralDT(firstOfNext.time().toString(), XSDDatatype.XSDdateTime));
        }
        return new Page(g, firstOfNext != null);
    }

    private static Node version(Member m) {
        return NodeFactory.createURI(Namespaces.BASE + "version/" + m.generation() + "/" + m.record().getURI().substring(Namespaces.BASE.length()));
    }

    private static void describeStream(Graph g) {
        add(g, STREAM, Terms.TYPE, uri(LDES + "EventStream"));
        add(g, STREAM, Terms.TITLE, NodeFactory.createLiteralLang("Changes to the Health Innovation Knowledge Base", "en"));
        add(g, STREAM, uri(LDES + "timestampPath"), Terms.CREATED);
        add(g, STREAM, uri(LDES + "versionOfPath"), uri(Namespaces.DCT + "isVersionOf"));
    }

    private static String literal(DatasetGraph dsg, Node s, Node p) {
        var it = dsg.find(GraphNames.CHANGES, s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : "";
    }

    private static Graph graph() {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefix("ldes", LDES).setNsPrefix("tree", TREE).setNsPrefix("dct", Namespaces.DCT)
                .setNsPrefix("prov", PROV.NS).setNsPrefix("hikb", HIKB.NS).setNsPrefix("xsd", Namespaces.XSD);
        return g;
    }

    private static void add(Graph g, Node s, Node p, Node o) {
        g.add(Triple.create(s, p, o));
    }

    private static Node uri(String u) {
        return NodeFactory.createURI(u);
    }
}

package org.w3id.hikb.records;

import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.geo.NutsRegions;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * The name of anything in the store in a reader's language: its title, preferred label or label in that
 * language, else in the next language of the fallback chain, else any name it has (a NUTS region: its national name),
 * else its URI's last part.
 * Must be called inside a read transaction.
 */
public final class Labels {
    private static final List<Node> NAMING = List.of(Terms.TITLE, Terms.PREF_LABEL, Terms.RDFS_LABEL);
    private final DatasetGraph dsg;

    public Labels(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    /** A text and the language it is in (null for an untagged text). */
    public record Text(String value, String lang) {}

    public String label(Node node, Lang lang) {
        return text(node, NAMING, lang).map(Text::value).or(() -> nutsName(node)).orElseGet(() -> lastSegment(node));
    }

    /** A NUTS region the store has no name for (the imports link to them by URI): its national name. */
    private static Optional<String> nutsName(Node node) {
        if (!node.isURI() || !node.getURI().startsWith(Namespaces.NUTS)) return Optional.empty();
        return NutsRegions.get().region(node.getURI().substring(Namespaces.NUTS.length())).map(NutsRegions.Region::name);
    }

    /**
     * The best literal of the given properties of {@code node} for a reader of {@code lang}, by the one
     * fallback chain every view uses: the reader's language, then the language of the record's source, then
     * English, then the others; an untagged text last.
     */
    public Optional<Text> text(Node node, List<Node> properties, Lang lang) {
        for (Lang l : chain(node, lang))
            for (Node p : properties) {
                Optional<Text> t = find(node, p, l.code());
                if (t.isPresent()) return t;
            }
        for (Node p : properties) {
            Optional<Text> t = find(node, p, null);
            if (t.isPresent()) return t;
        }
        return Optional.empty();
    }

    /** The languages to try for a reader of {@code lang}, in order (see {@link #text}). */
    public List<Lang> chain(Node node, Lang lang) {
        List<Lang> chain = new java.util.ArrayList<>(List.of(lang));
        originalLanguage(node).filter(o -> !chain.contains(o)).ifPresent(chain::add);
        for (Lang l : lang.fallbackChain()) if (!chain.contains(l)) chain.add(l);
        return chain;
    }

    /** The language of the source a record (or the record a part belongs to) was written from. */
    public Optional<Lang> originalLanguage(Node node) {
        if (!node.isURI()) return Optional.empty();
        String u = node.getURI();
        Node record = u.contains("#") ? org.apache.jena.graph.NodeFactory.createURI(u.substring(0, u.indexOf('#'))) : node;
        var it = dsg.find(Node.ANY, record, Terms.LANGUAGE, Node.ANY);
        while (it.hasNext()) {
            Optional<Lang> l = Lang.ofAuthority(it.next().getObject());
            if (l.isPresent()) return l;
        }
        return Optional.empty();
    }

    /** The name of {@code node} exactly in {@code lang} (no fallback), if it has one. */
    public Optional<String> exactly(Node node, Lang lang) {
        for (Node p : NAMING) {
            Optional<Text> t = find(node, p, lang.code());
            if (t.isPresent()) return Optional.of(t.get().value());
        }
        return Optional.empty();
    }

    private Optional<Text> find(Node node, Node property, String langCode) {
        var it = dsg.find(Node.ANY, node, property, Node.ANY);
        while (it.hasNext()) {
            Node o = it.next().getObject();
            if (!o.isLiteral()) continue;
            String tag = o.getLiteralLanguage();
            if (langCode == null || Lang.of(tag).map(Lang::code).orElse("").equals(langCode))
                return Optional.of(new Text(o.getLiteralLexicalForm(), tag.isEmpty() ? null : tag));
        }
        return Optional.empty();
    }

    static String lastSegment(Node node) {
        if (!node.isURI()) return node.toString();
        String u = node.getURI();
        int cut = Math.max(u.lastIndexOf('/'), u.lastIndexOf('#'));
        return cut >= 0 && cut < u.length() - 1 ? u.substring(cut + 1) : u;
    }
}

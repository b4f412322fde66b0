package org.w3id.hikb.records;

import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.vocab.Terms;

/**
 * The name of anything in the store in a reader's language: its title, preferred label or label in that
 * language, else in the next language of the fallback chain, else any name it has, else its URI's last part.
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
        return text(node, NAMING, lang).map(Text::value).orElseGet(() -> lastSegment(node));
    }

    /** The best literal of the given properties of {@code node} for a reader of {@code lang}. */
    public Optional<Text> text(Node node, List<Node> properties, Lang lang) {
        for (Lang l : lang.fallbackChain())
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

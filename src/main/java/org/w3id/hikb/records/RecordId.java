package org.w3id.hikb.records;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.w3id.hikb.vocab.Namespaces;

/** A record's identity: its type and slug, and so its URI {@code https://w3id.org/hikb/id/<type>/<slug>}. */
public record RecordId(RecordType type, String slug) {
    /** The same rule as the SHACL shapes: lower-case letters and digits in groups joined by single hyphens. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern URI = Pattern.compile(Pattern.quote(Namespaces.ID) + "([a-z]+)/(" + SLUG.pattern() + ")");

    public String uri() { return Namespaces.ID + type.segment() + "/" + slug; }

    public Node node() { return NodeFactory.createURI(uri()); }

    public static Optional<RecordId> ofUri(String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) return Optional.empty();
        return RecordType.ofSegment(m.group(1)).map(t -> new RecordId(t, m.group(2)));
    }

    public static Optional<RecordId> of(Node node) {
        return node.isURI() ? ofUri(node.getURI()) : Optional.empty();
    }

    /**
     * What a statement's subject belongs to: a record owns the nodes named {@code <record>#part}, so a part's
     * statement (and a violation on it) belongs to its record; any other node is its own.
     */
    public static String ownerOf(Node subject) {
        if (!subject.isURI()) return subject.toString();
        String uri = subject.getURI();
        int hash = uri.indexOf('#');
        return uri.startsWith(Namespaces.BASE) && hash > 0 ? uri.substring(0, hash) : uri;
    }

    public static boolean isSlug(String s) {
        return s != null && s.length() <= 120 && SLUG.matcher(s).matches();
    }
}

package org.w3id.hikb.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;

/**
 * The forms a resource is served in, with their media types and file extensions, and the choice among them
 * by extension or by {@code Accept} (quality values respected; equal ones go to the server's order).
 */
public enum Representation {
    HTML("html", "HTML", "text/html", null, null),
    TURTLE("ttl", "Turtle", "text/turtle", Lang.TURTLE, RDFFormat.TURTLE_PRETTY),
    JSONLD("jsonld", "JSON-LD", "application/ld+json", Lang.JSONLD, RDFFormat.JSONLD11_PRETTY),
    RDFXML("rdf", "RDF/XML", "application/rdf+xml", Lang.RDFXML, RDFFormat.RDFXML_PRETTY),
    NTRIPLES("nt", "N-Triples", "application/n-triples", Lang.NTRIPLES, RDFFormat.NTRIPLES);

    private final String extension;
    private final String label;
    private final String mediaType;
    private final Lang lang;
    private final RDFFormat format;

    Representation(String extension, String label, String mediaType, Lang lang, RDFFormat format) {
        this.extension = extension;
        this.label = label;
        this.mediaType = mediaType;
        this.lang = lang;
        this.format = format;
    }

    public String extension() { return extension; }
    public String label() { return label; }
    public String mediaType() { return mediaType; }
    public Lang lang() { return lang; }
    public RDFFormat format() { return format; }
    public boolean isRdf() { return lang != null; }

    public static Optional<Representation> ofExtension(String ext) {
        for (Representation r : values())
            if (r.extension.equals(ext)) return Optional.of(r);
        return Optional.empty();
    }

    /** The best of {@code offered} for an {@code Accept} header (none or blank: the first offered). */
    public static Optional<Representation> negotiate(String accept, List<Representation> offered) {
        if (accept == null || accept.isBlank()) return Optional.of(offered.get(0));
        List<String> types = new ArrayList<>();
        offered.forEach(r -> types.add(r.mediaType));
        MediaType chosen;
        try {
            chosen = AcceptList.match(new AcceptList(accept), AcceptList.create(types.toArray(String[]::new)));
        } catch (RuntimeException e) {
            return Optional.empty();  // an Accept header that does not parse matches nothing
        }
        if (chosen == null) return Optional.empty();
        for (Representation r : offered)
            if (r.mediaType.equals(chosen.getContentTypeStr())) return Optional.of(r);
        return Optional.empty();
    }

    /** The media types of {@code offered}, for a 406's message. */
    public static String list(List<Representation> offered) {
        return String.join(", ", offered.stream().map(Representation::mediaType).toList());
    }
}

package org.w3id.hikb.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.sparql.graph.GraphFactory;

/** Reads RDF files into memory, turning every parse problem into a message that names the file and the line. */
public final class RdfFiles {
    private RdfFiles() {}

    /** The RDF syntax of a file from its extension, or null when the extension is not an RDF one. */
    public static Lang syntaxOf(Path file) {
        Lang lang = RDFLanguages.filenameToLang(file.getFileName().toString());
        // .csv and .tsv name SPARQL result formats, not RDF data.
        return lang != null && (RDFLanguages.isTriples(lang) || RDFLanguages.isQuads(lang)) ? lang : null;
    }

    /**
     * Parses one file. Strict: a syntax error, or a warning such as a bad IRI or a wrong literal, refuses the file.
     *
     * @param name how the file is named in messages (a path relative to the bundle, say)
     */
    public static Graph parse(Path file, String name) {
        Lang lang = syntaxOf(file);
        if (lang == null)
            throw new InvalidDataException("Not an RDF file: " + name,
                    List.of(Violation.inFile(name, "the file extension names no RDF syntax (use .ttl, .nt, .nq, .jsonld or .rdf)")));
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, lang, name);
        } catch (NoSuchFileException e) {
            throw new StoreException("No such file: " + file);
        } catch (IOException e) {
            throw new StoreException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * JSON-LD can name its {@code @context} by URL, and a parser would fetch it: from here, that is a request
     * the server would make for whoever sent the document. Only inline contexts are accepted.
     */
    private static InputStream withoutRemoteContexts(InputStream in, String name) {
        byte[] bytes;
        JsonNode root;
        try {
            bytes = in.readAllBytes();
            root = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new InvalidDataException("The file " + name + " is not valid JSON-LD",
                    List.of(Violation.inFile(name, "not JSON: " + e.getMessage().lines().findFirst().orElse(""))));
        }
        String remote = remoteContext(root);
        if (remote != null)
            throw new InvalidDataException("The file " + name + " names a remote @context",
                    List.of(Violation.inFile(name, "the @context " + remote + " would have to be fetched; put the context inline instead")));
        return new ByteArrayInputStream(bytes);
    }

    /**
     * RDF/XML with a document type can declare entities: external ones (a file of the server, a URL) or ones
     * that expand a billion times. None is needed for RDF, so none is read.
     */
    private static InputStream withoutDocumentType(InputStream in, String name) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new StoreException("Cannot read " + name + ": " + e.getMessage(), e);
        }
        if (declaresDocumentType(bytes))
            throw new InvalidDataException("The file " + name + " declares a document type",
                    List.of(Violation.inFile(name, "RDF/XML with <!DOCTYPE> or <!ENTITY> is not accepted (entities could read files or expand without end)")));
        return new ByteArrayInputStream(bytes);
    }

    /**
     * Whether the document, anywhere in it, declares a document type or an entity: read as UTF-16 when it starts
     * as UTF-16 does (a byte-order mark, or a zero byte beside its first '<'), else byte by byte, which finds the
     * ASCII of "<!DOCTYPE" in UTF-8 and in every single-byte encoding alike. UTF-32 is refused outright.
     */
    static boolean declaresDocumentType(byte[] bytes) {
        int n = bytes.length;
        if (n >= 4 && ((bytes[0] == 0 && bytes[1] == 0) || (bytes[2] == 0 && bytes[3] == 0))) return true;
        boolean utf16 = n >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || bytes[0] == 0 || bytes[1] == 0);
        if (utf16) {
            java.nio.charset.Charset cs = (bytes[0] == 0 || bytes[0] == (byte) 0xFE) ? java.nio.charset.StandardCharsets.UTF_16BE
                    : java.nio.charset.StandardCharsets.UTF_16LE;
            String text = new String(bytes, cs);
            return text.contains("<!DOCTYPE") || text.contains("<!ENTITY");
        }
        return indexOf(bytes, "<!DOCTYPE") >= 0 || indexOf(bytes, "<!ENTITY") >= 0;
    }

    private static int indexOf(byte[] bytes, String ascii) {
        byte first = (byte) ascii.charAt(0);
        outer:
        for (int i = 0; i <= bytes.length - ascii.length(); i++) {
            if (bytes[i] != first) continue;
            for (int j = 1; j < ascii.length(); j++)
                if (bytes[i + j] != (byte) ascii.charAt(j)) continue outer;
            return i;
        }
        return -1;
    }

    private static String remoteContext(JsonNode n) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("@context") || e.getKey().equals("@import")) {
                    JsonNode c = e.getValue();
                    if (c.isTextual()) return c.asText();
                    if (c.isArray()) for (JsonNode x : c) if (x.isTextual()) return x.asText();
                }
                String inner = remoteContext(e.getValue());
                if (inner != null) return inner;
            }
        } else if (n.isArray()) {
            for (JsonNode x : n) {
                String inner = remoteContext(x);
                if (inner != null) return inner;
            }
        }
        return null;
    }

    /**
     * Parses RDF from a stream, as strictly as a file.
     *
     * @throws InvalidDataException if it does not parse; the violation names {@code name} and the line
     */
    public static Graph parse(InputStream in, Lang lang, String name) {
        return parse(in, lang, name, "file:///" + name);
    }

    /** Parses RDF sent over HTTP: relative IRIs resolve against {@code base} (the request's or the graph's IRI). */
    public static Graph parse(InputStream in, Lang lang, String name, String base) {
        Graph graph = GraphFactory.createDefaultGraph();
        if (RDFLanguages.sameLang(lang, Lang.JSONLD)) in = withoutRemoteContexts(in, name);
        if (RDFLanguages.sameLang(lang, Lang.RDFXML)) in = withoutDocumentType(in, name);
        try {
            RDFParser.source(in)
                    .lang(lang)
                    .base(base)
                    .errorHandler(ErrorHandlerFactory.errorHandlerStrictSilent())
                    .parse(graph);
        } catch (RiotException e) {
            throw new InvalidDataException("The file " + name + " is not valid " + lang.getLabel(),
                    List.of(Violation.inFile(name, e.getMessage())));
        }
        return graph;
    }
}

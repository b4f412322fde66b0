package org.w3id.hikb.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

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
     * Parses RDF from a stream, as strictly as a file.
     *
     * @throws InvalidDataException if it does not parse; the violation names {@code name} and the line
     */
    public static Graph parse(InputStream in, Lang lang, String name) {
        Graph graph = GraphFactory.createDefaultGraph();
        try {
            RDFParser.source(in)
                    .lang(lang)
                    .base("file:///" + name)
                    .errorHandler(ErrorHandlerFactory.errorHandlerStrictSilent())
                    .parse(graph);
        } catch (RiotException e) {
            throw new InvalidDataException("The file " + name + " is not valid " + lang.getLabel(),
                    List.of(Violation.inFile(name, e.getMessage())));
        }
        return graph;
    }
}

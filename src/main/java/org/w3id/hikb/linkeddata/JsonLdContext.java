package org.w3id.hikb.linkeddata;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.jena.shared.PrefixMapping;
import org.w3id.hikb.vocab.Namespaces;

/**
 * The JSON-LD {@code @context} the knowledge base publishes at {@code /context.jsonld}: the prefixes of its
 * documents, so that {@code hikb:theme} in a JSON-LD document reads the same in any client.
 */
final class JsonLdContext {
    private static final String TEXT = build();

    private JsonLdContext() {}

    static String text() { return TEXT; }

    static PrefixMapping prefixes() {
        return Namespaces.prefixes();
    }

    private static String build() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ObjectNode context = root.putObject("@context");
        Map<String, String> sorted = new TreeMap<>(prefixes().getNsPrefixMap());
        sorted.forEach(context::put);
        return root.toPrettyString();
    }
}

package org.w3id.hikb.auth;

import java.util.Locale;

import org.apache.jena.graph.Node;
import org.w3id.hikb.store.GraphNames;

/**
 * What a token may do. Every token may read without the public row cap. An editor writes the data graphs;
 * an admin also the ontology and the shapes. No one writes the store's bookkeeping (its generation and
 * change log): the write path keeps that itself.
 */
public enum Role {
    EDITOR, ADMIN;

    public static Role parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown role '" + name + "' (editor or admin).");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** May this role write the named graph? */
    public boolean mayWrite(Node graph) {
        if (GraphNames.isBookkeeping(graph)) return false;
        return this == ADMIN || !GraphNames.isSchema(graph);
    }
}

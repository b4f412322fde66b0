package org.w3id.hikb.write;

import java.util.Set;

import org.apache.jena.graph.Node;

/**
 * What of an existing record a put replaces. A Turtle or JSON-LD body can say every statement a record has,
 * so it replaces {@link #EVERYTHING}; a JSON body cannot (the JSON form has no member for some statements),
 * and a merge patch names only what changes, so they replace {@link #only} the statements with the
 * properties they hold, and the #parts those lead to. A new record is always written whole.
 */
public sealed interface Replaced {
    Replaced EVERYTHING = new Everything();

    static Replaced only(Set<Node> properties) {
        return new Only(Set.copyOf(properties));
    }

    /** Every statement of the record, in every data graph. */
    record Everything() implements Replaced {}

    /** The record's statements with these properties (and the #parts they lead to); the rest stays. */
    record Only(Set<Node> properties) implements Replaced {}
}

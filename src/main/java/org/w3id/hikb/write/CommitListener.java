package org.w3id.hikb.write;

import java.time.Duration;

/**
 * Told about every commit, in generation order, in the writer's thread, after the store has committed: a
 * listener must be quick. The search index is one: it takes note, and follows in a thread of its own.
 */
public interface CommitListener {
    void committed(Commit commit);

    /** Waits until what this listener keeps reflects {@code generation}, at most {@code timeout}; whether it does. */
    default boolean await(long generation, Duration timeout) { return true; }
}

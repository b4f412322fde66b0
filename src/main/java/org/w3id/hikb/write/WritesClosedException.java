package org.w3id.hikb.write;

/**
 * No write is taken on this node: it is a read replica, or a writer that found another writer of its log
 * (fenced). Answered 503; the message says which and what to do.
 */
public final class WritesClosedException extends RuntimeException {
    public WritesClosedException(String message) {
        super(message);
    }
}

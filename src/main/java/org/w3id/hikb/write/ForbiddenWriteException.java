package org.w3id.hikb.write;

/** A write that touched a graph its author may not write: refused whole, before anything reached the store. */
public final class ForbiddenWriteException extends RuntimeException {
    public ForbiddenWriteException(String message) {
        super(message);
    }
}

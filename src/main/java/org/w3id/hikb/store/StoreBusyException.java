package org.w3id.hikb.store;

/** The store cannot be read just now (it is being compacted); the request may be tried again shortly. */
public final class StoreBusyException extends RuntimeException {
    public StoreBusyException(String message) {
        super(message);
    }
}

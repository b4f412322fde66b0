package org.w3id.hikb.store;

/** The store cannot be opened or used: a bad or unwritable directory, or one already in use. */
public class StoreException extends RuntimeException {
    public StoreException(String message) { super(message); }
    public StoreException(String message, Throwable cause) { super(message, cause); }
}

package org.w3id.hikb.store;

/** Another process owns the data directory. */
public class StoreInUseException extends StoreException {
    public StoreInUseException(String message) { super(message); }
}

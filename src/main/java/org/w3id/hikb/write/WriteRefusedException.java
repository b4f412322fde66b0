package org.w3id.hikb.write;

/** A write of a record refused before anything was applied, because of the record's state. */
public final class WriteRefusedException extends RuntimeException {
    /** Why: the client's copy is out of date, the record already exists, or it does not. */
    public enum Reason { STALE, EXISTS, MISSING }

    private final Reason reason;

    public WriteRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}

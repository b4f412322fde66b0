package org.w3id.hikb.write;

/** A write refused because the disk is (nearly) full: nothing of it was written. */
public final class DiskFullException extends RuntimeException {
    public DiskFullException(String message) {
        super(message);
    }
}

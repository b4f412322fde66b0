package org.w3id.hikb.search;

/** A search that cannot be run as asked: the message tells the user what to change. */
public class BadSearchException extends RuntimeException {
    public BadSearchException(String message) { super(message); }
}

package org.w3id.hikb.config;

/** A setting has a value that cannot be used; the message says which and why. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) { super(message); }
}

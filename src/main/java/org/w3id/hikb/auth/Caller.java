package org.w3id.hikb.auth;

/** Who sent a request with a valid token: the name the token was issued to, and its role. */
public record Caller(String name, Role role) {

    /** The agent written into the change log for this caller's writes. */
    public String agent() {
        return "token/" + name;
    }
}

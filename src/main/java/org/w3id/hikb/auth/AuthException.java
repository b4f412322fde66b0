package org.w3id.hikb.auth;

/**
 * A request that may not do what it asks: 401 (no token, or not a valid one), 403 (a valid token whose role
 * does not allow it) or 429 (too many failed attempts from this client; try again after {@code retryAfterSeconds}).
 */
public final class AuthException extends RuntimeException {
    private final int status;
    private final long retryAfterSeconds;

    private AuthException(int status, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static AuthException missing() {
        return new AuthException(401, "This operation needs a bearer token: send 'Authorization: Bearer <token>'.", 0);
    }

    public static AuthException invalid() {
        return new AuthException(401, "The bearer token is not valid.", 0);
    }

    public static AuthException forbidden(String why) {
        return new AuthException(403, why, 0);
    }

    public static AuthException tooManyAttempts(long retryAfterSeconds) {
        return new AuthException(429, "Too many failed authentication attempts from this client; try again in "
                + retryAfterSeconds + " s.", retryAfterSeconds);
    }

    public int status() { return status; }

    public long retryAfterSeconds() { return retryAfterSeconds; }

    /** The {@code WWW-Authenticate} challenge that goes with a 401 (RFC 6750), or null. */
    public String challenge() {
        if (status != 401) return null;
        return getMessage().startsWith("The bearer token is not valid")
                ? "Bearer realm=\"hikb\", error=\"invalid_token\""
                : "Bearer realm=\"hikb\"";
    }
}

package org.w3id.hikb.auth;

import java.time.Clock;
import java.time.Duration;

/**
 * Checks the {@code Authorization: Bearer} header of a request against the {@link Tokens}:
 * <pre>{@code
 * Caller who = auth.require(ctx.header("Authorization"), ctx.ip(), Role.EDITOR);  // or AuthException
 * }</pre>
 * A client that fails ten times in ten minutes is refused until the window passes, whatever it sends.
 */
public final class BearerAuth {
    private final Tokens tokens;
    private final FailedAttempts failures;

    public BearerAuth(Tokens tokens) {
        this(tokens, Clock.systemUTC());
    }

    BearerAuth(Tokens tokens, Clock clock) {
        this.tokens = tokens;
        this.failures = new FailedAttempts(10, Duration.ofMinutes(10), clock);
    }

    /** The caller, who must have a valid token with at least {@code role}. */
    public Caller require(String authorization, String client, Role role) {
        Caller caller = identify(authorization, client);
        if (caller == null) throw AuthException.missing();
        if (role == Role.ADMIN && caller.role() != Role.ADMIN)
            throw AuthException.forbidden("The token of '" + caller.name() + "' has the role " + caller.role().label()
                    + "; this operation needs admin.");
        return caller;
    }

    /** The caller of a request that may or may not carry a token: null without one, an error for a bad one. */
    public Caller identify(String authorization, String client) {
        if (authorization == null || authorization.isBlank()) return null;
        String[] parts = authorization.strip().split("\\s+", 2);
        Caller caller = parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") ? tokens.find(parts[1].strip()) : null;
        // A valid token is let in even while its address is locked out: the clients behind one proxy share it.
        if (caller != null) return caller;
        long wait = failures.waitSeconds(client);
        if (wait > 0) throw AuthException.tooManyAttempts(wait);
        failures.failed(client);
        throw AuthException.invalid();
    }
}

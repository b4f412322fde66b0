package org.w3id.hikb.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed token checks per client, so guessing tokens is slow: after {@code limit} failures within
 * the window the client is refused (429) until the oldest failure leaves the window. Bounded in memory: the
 * least recently seen clients are forgotten first.
 */
final class FailedAttempts {
    private static final int MAX_CLIENTS = 10_000;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> byClient = new LinkedHashMap<>(16, 0.75f, true);

    FailedAttempts(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds the client must wait before trying again, or 0 if it may try now. */
    synchronized long waitSeconds(String client) {
        Deque<Instant> failures = byClient.get(client);
        if (failures == null) return 0;
        Instant now = clock.instant();
        drop(failures, now);
        if (failures.size() < limit) return 0;
        return Math.max(1, Duration.between(now, failures.peekFirst().plus(window)).toSeconds());
    }

    synchronized void failed(String client) {
        Instant now = clock.instant();
        Deque<Instant> failures = byClient.computeIfAbsent(client, c -> new ArrayDeque<>());
        drop(failures, now);
        failures.addLast(now);
        if (byClient.size() > MAX_CLIENTS) {
            Iterator<String> eldest = byClient.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private void drop(Deque<Instant> failures, Instant now) {
        Instant since = now.minus(window);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(since))
            failures.removeFirst();
    }
}

package org.w3id.hikb.records;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * When something runs, as precisely as its source says: dates may be a day ({@code xsd:date}), a month
 * ({@code xsd:gYearMonth}) or a year ({@code xsd:gYear}). A start is read as the first day of its period,
 * an end as the last; with no end, the end is the start plus the duration, if there is one.
 */
public record RunningPeriod(Optional<LocalDate> start, Optional<LocalDate> end) {

    public enum Status { PLANNED, ONGOING, CLOSED }

    public static RunningPeriod of(Node start, Node end, Node duration) {
        Optional<LocalDate> s = firstDay(start);
        Optional<LocalDate> e = lastDay(end);
        if (e.isEmpty() && s.isPresent() && duration != null && duration.isLiteral()) {
            try {
                e = Optional.of(s.get().plus(Period.parse(duration.getLiteralLexicalForm())).minusDays(1));
            } catch (DateTimeException | ArithmeticException ex) {
                // A duration with hours or minutes says nothing useful about days, and one of a billion years
                // ends after the last day there is: leave the end open.
            }
        }
        return new RunningPeriod(s, e);
    }

    /** Planned, ongoing or closed on {@code day}; empty when the period does not say. */
    public Optional<Status> statusOn(LocalDate day) {
        if (start.isPresent() && start.get().isAfter(day)) return Optional.of(Status.PLANNED);
        if (end.isPresent()) return Optional.of(end.get().isBefore(day) ? Status.CLOSED : Status.ONGOING);
        return Optional.empty();
    }

    static Optional<LocalDate> firstDay(Node n) {
        return parse(n, false);
    }

    static Optional<LocalDate> lastDay(Node n) {
        return parse(n, true);
    }

    private static Optional<LocalDate> parse(Node n, boolean last) {
        if (n == null || !n.isLiteral()) return Optional.empty();
        String v = n.getLiteralLexicalForm().trim();
        try {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}.*")) return Optional.of(LocalDate.parse(v.substring(0, 10)));
            if (v.matches("\\d{4}-\\d{2}")) {
                YearMonth ym = YearMonth.parse(v);
                return Optional.of(last ? ym.atEndOfMonth() : ym.atDay(1));
            }
            if (v.matches("\\d{4}")) {
                int y = Integer.parseInt(v);
                return Optional.of(last ? LocalDate.of(y, 12, 31) : LocalDate.of(y, 1, 1));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}

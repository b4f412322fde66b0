package org.w3id.hikb.store;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Data was refused: it does not parse, or it violates the SHACL shapes. Nothing of it was written. */
public class InvalidDataException extends RuntimeException {
    private final List<Violation> violations;
    private final Function<Violation, String> pointer;

    public InvalidDataException(String summary, List<Violation> violations) {
        this(summary, violations, v -> null);
    }

    private InvalidDataException(String summary, List<Violation> violations, Function<Violation, String> pointer) {
        super(summary);
        this.violations = List.copyOf(violations);
        this.pointer = pointer;
    }

    public List<Violation> violations() { return violations; }

    /** The same refusal, each violation also placed in the request's body (a JSON Pointer), where it can be. */
    public InvalidDataException locatedBy(Function<Violation, String> pointer) {
        return new InvalidDataException(getMessage(), violations, pointer);
    }

    /** Where {@code v} is in the request's body, as a JSON Pointer, or null. */
    public String pointer(Violation v) { return pointer.apply(v); }

    /** The summary and every violation, one per line. */
    public String describe() {
        return getMessage() + violations.stream().map(v -> "\n  - " + v.describe()).collect(Collectors.joining());
    }
}

package org.w3id.hikb.store;

import java.util.List;
import java.util.stream.Collectors;

/** Data was refused: it does not parse, or it violates the SHACL shapes. Nothing of it was written. */
public class InvalidDataException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidDataException(String summary, List<Violation> violations) {
        super(summary);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() { return violations; }

    /** The summary and every violation, one per line. */
    public String describe() {
        return getMessage() + violations.stream().map(v -> "\n  - " + v.describe()).collect(Collectors.joining());
    }
}

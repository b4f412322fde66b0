package org.w3id.hikb.http;

/** A failure whose answer a handler has composed itself (a problem with a list of errors, say). */
public final class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() { return problem; }
}

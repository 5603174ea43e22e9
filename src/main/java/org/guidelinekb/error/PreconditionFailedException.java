package org.guidelinekb.error;

/**
 * The data a request needs was neither sent nor obtainable (CDS Hooks: "the service SHALL respond with an HTTP 412
 * Precondition Failed status code"): 412.
 */
public final class PreconditionFailedException extends GkbException {
    public PreconditionFailedException(String message) {
        super(message);
    }

    @Override public ProblemType type() { return ProblemType.PRECONDITION_FAILED; }
}

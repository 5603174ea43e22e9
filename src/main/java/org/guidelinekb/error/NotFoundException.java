package org.guidelinekb.error;

/** Something named by the caller (a guideline, a version, a query, a resource) does not exist. */
public final class NotFoundException extends GkbException {
    public NotFoundException(String message) {
        super(message);
    }

    @Override public ProblemType type() { return ProblemType.NOT_FOUND; }
}

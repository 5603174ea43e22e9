package org.guidelinekb.error;

/** The request conflicts with the state of the knowledge base (e.g. changing a published version). */
public final class ConflictException extends GkbException {
    public ConflictException(String message) {
        super(message);
    }

    @Override public ProblemType type() { return ProblemType.CONFLICT; }
}

package org.guidelinekb.error;

/** A write without valid credentials: {@code missing} → 401, otherwise (wrong token) → 403. */
public final class AuthException extends GkbException {
    private final boolean missing;

    public AuthException(String message, boolean missing) {
        super(message);
        this.missing = missing;
    }

    public boolean missing() {
        return missing;
    }

    @Override public ProblemType type() { return missing ? ProblemType.UNAUTHENTICATED : ProblemType.FORBIDDEN; }
}

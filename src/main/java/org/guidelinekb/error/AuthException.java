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

    @Override public String slug() { return missing ? "unauthenticated" : "forbidden"; }
    @Override public String title() { return missing ? "Authentication required" : "Not allowed"; }
}

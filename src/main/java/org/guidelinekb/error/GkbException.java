package org.guidelinekb.error;

/**
 * Base of the domain exceptions. The core throws these; only the edges ({@code api.ApiErrors} for HTTP,
 * {@code cli.Main} for exit codes) turn them into status codes. Each kind has a stable slug that names its
 * problem type ({@code https://w3id.org/gkb/problems/<slug>}) and a section in the README.
 */
public abstract class GkbException extends RuntimeException {
    protected GkbException(String message) {
        super(message);
    }

    protected GkbException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Stable short name of the problem type, e.g. {@code not-found}. */
    public abstract String slug();

    /** A short human title for the problem type. */
    public abstract String title();
}

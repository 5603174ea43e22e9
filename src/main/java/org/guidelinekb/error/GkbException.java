package org.guidelinekb.error;

/**
 * Base of the domain exceptions. The core throws these; only the edges ({@code api.ApiErrors} for HTTP,
 * {@code cli.Main} for exit codes) turn them into status codes. Each kind has a {@link ProblemType} from the registry,
 * whose URI ({@code https://w3id.org/gkb/problems/<slug>}) names its heading in {@code docs/problems.md}.
 */
public abstract class GkbException extends RuntimeException {
    protected GkbException(String message) {
        super(message);
    }

    protected GkbException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The problem type this exception reports. */
    public abstract ProblemType type();

    /** Stable short name of the problem type, e.g. {@code not-found}. */
    public final String slug() {
        return type().slug();
    }

    /** A short human title for the problem type. */
    public final String title() {
        return type().title();
    }
}

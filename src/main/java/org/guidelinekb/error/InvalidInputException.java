package org.guidelinekb.error;

import java.util.List;

/**
 * The caller's input is malformed: a wrong type, an unknown name, a value outside its list.
 * {@code errors} names each offending field, so a client can show them all at once.
 */
public final class InvalidInputException extends GkbException {
    private final List<FieldError> errors;

    public InvalidInputException(String message) {
        this(message, List.of());
    }

    public InvalidInputException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override public ProblemType type() { return ProblemType.INVALID_INPUT; }

    /** One offending field; {@code suggestion} is the closest known name for a misspelling, or null. */
    public record FieldError(String field, String message, String suggestion) {}
}

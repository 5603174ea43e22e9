package org.guidelinekb.sparql;

/** A query file that does not parse; the message reads {@code file:line:col: parser message}. Stops start-up. */
public final class QueryFileException extends RuntimeException {
    public QueryFileException(String file, long line, long column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
    }
}

package org.guidelinekb.error;

/**
 * A query ran past its time limit and was stopped (by the engine's timeout or, where the engine misses it, by the
 * server's watchdog), or the server had no free worker to run it. Answered with 503: the same request may succeed
 * later or with narrower parameters.
 */
public final class QueryTimeoutException extends GkbException {
    public QueryTimeoutException(String message) {
        super(message);
    }

    @Override public ProblemType type() { return ProblemType.QUERY_TIMEOUT; }
}

package org.guidelinekb.error;

/** The store cannot be opened or reached (locked by another process, unreachable remote store, ...). */
public final class StoreUnavailableException extends GkbException {
    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override public ProblemType type() { return ProblemType.STORE_UNAVAILABLE; }
}

package org.guidelinekb.queries;

/** Which rows of a named query to answer: {@code limit} rows from {@code offset}. */
public record PageRequest(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 1_000_000;

    public static final PageRequest FIRST = new PageRequest(DEFAULT_LIMIT, 0);
}

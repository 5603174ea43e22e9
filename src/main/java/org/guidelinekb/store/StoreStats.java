package org.guidelinekb.store;

/** Counts for health reports. */
public record StoreStats(long triples, long graphs) {}

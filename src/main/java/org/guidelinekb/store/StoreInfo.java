package org.guidelinekb.store;

/** What a store is, for health reports: {@code kind} is "tdb2", "tdb2-memory" or "remote". */
public record StoreInfo(String kind, String location) {}

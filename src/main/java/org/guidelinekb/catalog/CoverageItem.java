package org.guidelinekb.catalog;

/** One part of the source that an encoded version covers (e.g. page BINV-18). */
public record CoverageItem(String iri, String section, String label, String locator) {}

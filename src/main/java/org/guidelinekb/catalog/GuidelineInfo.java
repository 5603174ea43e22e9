package org.guidelinekb.catalog;

import java.util.List;

/** A guideline with its versions, oldest effective date first. */
public record GuidelineInfo(String id, String iri, String title, String publisher, List<VersionInfo> versions) {}

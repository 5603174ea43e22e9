package org.guidelinekb.versioning;

import java.util.List;

/**
 * What a version write did: the version, its status afterwards, the PROV activity recording the write, and the
 * versions it retired (publishing retires the previously active version of the same guideline).
 */
public record WriteResult(String guideline, String version, String iri, String status, String activity, List<String> retired) {}

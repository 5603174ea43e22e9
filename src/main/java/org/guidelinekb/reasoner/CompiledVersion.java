package org.guidelinekb.reasoner;

import java.util.List;

/** The compiled statements of one guideline version, in display order. Immutable. */
public record CompiledVersion(String guideline, String label, String iri, List<CompiledStatement> statements) {}

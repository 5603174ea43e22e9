package org.guidelinekb.fhir;

import java.util.List;
import java.util.Map;

/**
 * The CQL of one guideline version: its library name and version, the text, the case attributes it declares as
 * parameters (in declaration order), and for each statement IRI the name of the {@code define} that returns its
 * applicability and the attributes its criteria read.
 */
public record CqlLibrary(String name, String version, String text, List<String> parameters,
                         Map<String, String> defines, Map<String, List<String>> inputs) {}

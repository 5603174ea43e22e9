package org.guidelinekb.fhir;

import java.util.List;
import java.util.Map;

/**
 * The CQL of one guideline version: its library name and version, the text, the case attributes it declares as
 * parameters (in declaration order), and for each statement IRI the name of the {@code define} that returns its
 * applicability and the attributes its criteria read. {@code declared} and {@code logic} are the parameters and the
 * defines (derived attributes first, then statements) as the expression tree the text was written from; the ELM JSON
 * ({@link ElmWriter}) is written from the same tree.
 */
public record CqlLibrary(String name, String version, String text, List<String> parameters,
                         Map<String, String> defines, Map<String, List<String>> inputs,
                         List<CqlLogic.Parameter> declared, List<CqlLogic.Define> logic) {}

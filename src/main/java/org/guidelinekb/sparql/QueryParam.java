package org.guidelinekb.sparql;

/**
 * A parameter declared in a query file header:
 * {@code # param: name type [list] (required | default VALUE) [-- description]}.
 * {@code type} is one of iri, string, integer, decimal, date; {@code list} binds several values through VALUES.
 */
public record QueryParam(String name, String type, boolean list, boolean required, String defaultValue, String description) {}

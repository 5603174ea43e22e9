package org.guidelinekb.queries;

import java.util.List;

import org.apache.jena.graph.Node;
import org.guidelinekb.sparql.QueryParam;

/**
 * A declared parameter of a named query with the values of its VALUES block in the file: the default (or, for a
 * required parameter, the example the file runs with). {@code anyByDefault}: the block is {@code { UNDEF }}, so
 * leaving the parameter out applies no constraint.
 */
public record ApiParam(QueryParam declared, boolean anyByDefault, List<Node> fileValues) {

    public String name() { return declared.name(); }
    public String type() { return declared.type(); }
    public boolean list() { return declared.list(); }
    public boolean required() { return declared.required(); }
    public String description() { return declared.description(); }

    /** The values as a client writes them (IRIs and lexical forms); empty for "any". */
    public List<String> fileValueTexts() {
        return fileValues.stream().map(ParamTypes::text).toList();
    }
}

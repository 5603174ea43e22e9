package org.guidelinekb.queries;

import java.util.List;

import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.guidelinekb.catalog.VersionInfo;

/**
 * One page of a named query's results: at most {@code limit} rows from {@code offset}. {@code hasNext}: the query
 * returned a row beyond this page (it is run with LIMIT limit+1), so a next page exists. {@code versions}: the
 * version graphs a version-scoped query read (empty otherwise).
 */
public record QueryPage(List<Var> vars, List<Binding> rows, int limit, int offset, boolean hasNext, List<VersionInfo> versions) {

    /** The rows as a Jena row set, for the SPARQL results writers. */
    public RowSet rowSet() {
        return RowSetStream.create(vars, rows.iterator());
    }

    public int nextOffset() {
        return offset + limit;
    }
}

package org.guidelinekb.sparqlendpoint;

import org.apache.jena.query.Query;

/**
 * The public endpoint's result-row cap, the same whether the embedded Fuseki or the remote-store forwarder answers:
 * a SELECT without a LIMIT, or with a larger one, is limited to the cap, and the response says so in the
 * {@value #HEADER} header.
 */
public record ResultCap(long maxRows) {
    public static final String HEADER = "GKB-Result-Cap";

    /** Limits {@code query} (in place) when it is a SELECT asking for more rows than the cap; true when it did. */
    public boolean apply(Query query) {
        if (!query.isSelectType() || query.hasLimit() && query.getLimit() <= maxRows) return false;
        query.setLimit(maxRows);
        return true;
    }
}

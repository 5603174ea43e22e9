package org.guidelinekb.sparqlendpoint;

import org.apache.jena.query.Query;

/**
 * The public endpoint's result cap, the same whether the embedded Fuseki or the remote-store forwarder answers: a
 * SELECT, CONSTRUCT or DESCRIBE without a LIMIT, or with a larger one, is limited to the cap (solutions of its WHERE
 * clause; a CONSTRUCT gives at most that many times its template's triples), and the response says so in the
 * {@value #HEADER} header. The forwarder holds a result in memory before it answers, so this bounds its memory too.
 */
public record ResultCap(long maxRows) {
    public static final String HEADER = "GKB-Result-Cap";

    /** The headers of a capped answer: {@value #HEADER} (the cap) and a {@code Warning} any HTTP client shows. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of(HEADER, Long.toString(maxRows),
                "Warning", "199 gkb \"the result is limited to " + maxRows + " solutions (the server's cap); page with LIMIT and OFFSET\"");
    }

    /** Limits {@code query} (in place) when it may give more solutions than the cap; true when it did. */
    public boolean apply(Query query) {
        if (query.isAskType() || query.hasLimit() && query.getLimit() <= maxRows) return false;
        query.setLimit(maxRows);
        return true;
    }
}

package org.guidelinekb.store;

/**
 * Counts for health reports. {@code defaultGraphHasContent}: whether a query without {@code GRAPH} sees any triple
 * (the public endpoint promises the union of the named graphs as its default graph; a remote store must be set up so).
 */
public record StoreStats(long triples, long graphs, boolean defaultGraphHasContent) {

    /**
     * False when there is content in named graphs but a query without {@code GRAPH} sees none of it. (A default graph
     * with triples of its own also reads as true: the server never writes there, so on its stores that is the union.)
     */
    public boolean defaultGraphIsUnion() {
        return defaultGraphHasContent || triples == 0;
    }
}

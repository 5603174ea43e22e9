package org.guidelinekb.bench;

import java.util.List;

import org.guidelinekb.sparql.NamedQuery;
import org.guidelinekb.sparql.QueryLibrary;

/**
 * The SPARQL query mix for our endpoint vs standalone Fuseki: the public named queries of {@code sparql/} (top
 * level), as written in their files (their defaults make them runnable as they are). Sent in turn, the same text to
 * both servers. (The whole-knowledge-base checks of {@code sparql/checks/} are left out: they take seconds each, so
 * both servers would only measure the same query engine.)
 */
public final class SparqlMix {
    private SparqlMix() {}

    public static List<NamedQuery> queries() {
        QueryLibrary lib = QueryLibrary.load();
        return lib.all().stream()
                .filter(q -> !q.name().contains("/"))
                .sorted(java.util.Comparator.comparing(NamedQuery::name))
                .toList();
    }
}

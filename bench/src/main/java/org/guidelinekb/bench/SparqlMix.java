package org.guidelinekb.bench;

import java.util.List;

import org.guidelinekb.sparql.NamedQuery;
import org.guidelinekb.sparql.QueryLibrary;

/**
 * The SPARQL query mix for our endpoint vs standalone Fuseki: the public named queries of {@code sparql/} (top
 * level), as written in their files (their defaults make them runnable as they are), plus two whole-knowledge-base
 * checks from {@code sparql/checks/}. Sent in turn, the same text to both servers.
 */
public final class SparqlMix {
    private SparqlMix() {}

    public static List<NamedQuery> queries() {
        QueryLibrary lib = QueryLibrary.load();
        return lib.all().stream()
                .filter(q -> !q.name().contains("/") || q.name().equals("checks/coverage-violation")
                        || q.name().equals("checks/statement-recommendation-violation"))
                .sorted(java.util.Comparator.comparing(NamedQuery::name))
                .toList();
    }
}

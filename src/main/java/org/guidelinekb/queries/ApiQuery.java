package org.guidelinekb.queries;

import java.util.List;
import java.util.Optional;

import org.guidelinekb.sparql.NamedQuery;

/**
 * A named query of the API: a top-level {@code sparql/*.rq} file that passed the named-query rules
 * ({@link ApiQueries}). {@code versionScoped}: it has a {@code VALUES ?version} block, which receives the version
 * graph IRIs selected by {@code guideline}, {@code version} and {@code asOf}.
 */
public record ApiQuery(NamedQuery source, boolean versionScoped, List<ApiParam> params) {

    public String name() { return source.name(); }
    public String summary() { return source.summary(); }
    public String description() { return source.description(); }
    public List<String> tags() { return source.tags(); }

    public Optional<ApiParam> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

package org.guidelinekb.sparql;

import java.util.List;

import org.apache.jena.query.Query;

/**
 * One query file of {@code sparql/}, parsed at start-up. {@code name} is its path without {@code .rq}
 * (e.g. {@code internal/content-roots}).
 */
public record NamedQuery(String name, String summary, String description, List<String> tags, List<QueryParam> params,
                         Query query, String text) {}

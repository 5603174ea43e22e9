package org.guidelinekb.api;

import java.util.ArrayList;
import java.util.List;

import org.guidelinekb.queries.ApiParam;
import org.guidelinekb.queries.ApiQuery;
import org.guidelinekb.queries.PageRequest;

/**
 * The parameters a named query's endpoint accepts, described once for {@code GET /api/queries} and for the
 * generated OpenAPI document: the parameters its file declares, then the version selectors (version-scoped queries
 * only) and paging.
 *
 * @param defaultValue what applies when the parameter is left out (a string, a list of strings, a number), or null
 * @param example      a value that gives results (the file's example for a required parameter), or null
 */
public record QueryParamDocs(String name, String type, boolean list, boolean required, Object defaultValue, Object example,
                      String description) {

    static List<QueryParamDocs> of(ApiQuery q) {
        List<QueryParamDocs> out = new ArrayList<>();
        for (ApiParam p : q.params()) {
            Object values = p.list() ? p.fileValueTexts() : p.fileValueTexts().isEmpty() ? null : p.fileValueTexts().get(0);
            String desc = p.description() + (p.anyByDefault() ? " (left out: no constraint)" : "");
            out.add(new QueryParamDocs(p.name(), p.type(), p.list(), p.required(),
                    p.required() || p.anyByDefault() ? null : values, p.required() ? values : null, desc.strip()));
        }
        if (q.versionScoped()) {
            out.add(new QueryParamDocs("guideline", "string", false, false, null, null,
                    "guideline id (e.g. nccn-breast); left out: every guideline"));
            out.add(new QueryParamDocs("version", "string", false, false, null, null,
                    "version label (e.g. 2015); left out: the current active version. Not with asOf"));
            out.add(new QueryParamDocs("asOf", "date", false, false, null, null,
                    "the version in effect on this day (YYYY-MM-DD). Not with version"));
        }
        out.add(new QueryParamDocs("limit", "integer", false, false, PageRequest.DEFAULT_LIMIT, null,
                "rows per page, 1 to " + PageRequest.MAX_LIMIT));
        out.add(new QueryParamDocs("offset", "integer", false, false, 0, null,
                "rows to skip; the Link header's rel=\"next\" gives the next page"));
        return out;
    }
}

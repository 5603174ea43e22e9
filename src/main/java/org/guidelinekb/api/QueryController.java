package org.guidelinekb.api;

import org.guidelinekb.util.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.queries.ApiQuery;
import org.guidelinekb.queries.QueryPage;
import org.guidelinekb.queries.QueryService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The named queries as endpoints: {@code GET /api/queries} lists them; {@code GET} or {@code POST /api/queries/{name}}
 * runs one. Results are SPARQL JSON (default), XML, CSV or TSV by {@code Accept}; when there are more rows,
 * {@code Link: <…>; rel="next"} (RFC 8288) gives the next page as a GET URL, and the body stays a plain SPARQL
 * result set. {@code GKB-Versions} names the version graphs a version-scoped query read.
 */
public final class QueryController {
    private static final ObjectMapper JSON = Json.MAPPER; // bodies nest at most Json.MAX_NESTING levels
    private final QueryService service;

    public QueryController(QueryService service) {
        this.service = service;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/queries", this::list);
        r.get("/api/queries/{name}", ctx -> run(ctx, new LinkedHashMap<>(ctx.queryParamMap())));
        r.post("/api/queries/{name}", ctx -> run(ctx, bodyParams(ctx)));
    }

    void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ApiQuery q : service.queries().list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", q.name());
            m.put("summary", q.summary());
            m.put("description", q.description());
            m.put("tags", q.tags());
            m.put("versionScoped", q.versionScoped());
            m.put("parameters", QueryParamDocs.of(q));
            m.put("href", "/api/queries/" + q.name());
            out.add(m);
        }
        ctx.json(out);
    }

    void run(Context ctx, Map<String, List<String>> params) {
        String name = ctx.pathParam("name");
        ApiQuery q = service.queries().require(name);
        String type = AcceptNegotiation.choose(ctx.header("Accept"), QueryResults.OFFERED);
        QueryPage page = service.run(q.name(), params);
        ctx.header("Vary", "Accept");
        if (page.hasNext()) ctx.header("Link", "<" + nextUrl(ctx, q, params, page) + ">; rel=\"next\"");
        if (q.versionScoped()) {
            ctx.header("GKB-Versions", page.versions().stream().map(VersionInfo::iri).collect(Collectors.joining(" ")));
        }
        ctx.contentType(QueryResults.contentType(type)).result(QueryResults.write(page, type));
    }

    /** The same request as a GET, at the next offset. */
    private static String nextUrl(Context ctx, ApiQuery q, Map<String, List<String>> params, QueryPage page) {
        StringBuilder sb = new StringBuilder(PublicUrl.of(ctx)).append("/api/queries/").append(q.name());
        List<String> parts = new ArrayList<>();
        params.forEach((k, vs) -> {
            if (k.equals("limit") || k.equals("offset")) return;
            for (String v : vs) parts.add(enc(k) + "=" + enc(v));
        });
        parts.add("limit=" + page.limit());
        parts.add("offset=" + page.nextOffset());
        return sb.append('?').append(String.join("&", parts)).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Parameters of a POST: the query string, then a form or a JSON object ({"name": value or [values]}). */
    private static Map<String, List<String>> bodyParams(Context ctx) {
        Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
        String ct = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        if (ct.startsWith("application/x-www-form-urlencoded")) {
            ctx.formParamMap().forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        } else if (ct.startsWith("application/json")) {
            JsonNode body;
            try {
                body = JSON.readTree(ctx.body());
            } catch (Exception e) {
                throw new InvalidInputException("the body is not JSON: " + e.getMessage());
            }
            if (body == null || !body.isObject()) throw new InvalidInputException("the body must be a JSON object of parameters");
            for (Map.Entry<String, JsonNode> e : body.properties()) {
                List<String> vs = params.computeIfAbsent(e.getKey(), x -> new ArrayList<>());
                JsonNode v = e.getValue();
                if (v.isArray()) v.forEach(x -> vs.add(scalar(e.getKey(), x)));
                else if (!v.isNull()) vs.add(scalar(e.getKey(), v));
            }
        } else if (!ctx.body().isBlank()) {
            throw new io.javalin.http.HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "send parameters as application/x-www-form-urlencoded or application/json");
        }
        return params;
    }

    private static String scalar(String name, JsonNode v) {
        if (v.isValueNode() && !v.isNull()) return v.asText();
        throw new InvalidInputException("parameter '" + name + "' must be a string, a number or an array of them",
                List.of(new InvalidInputException.FieldError(name, "not a string, number or array of them", null)));
    }
}

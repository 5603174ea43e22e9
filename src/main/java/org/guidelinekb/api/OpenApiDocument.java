package org.guidelinekb.api;

import java.util.List;

import org.guidelinekb.util.ServerVersion;
import org.guidelinekb.error.ProblemType;
import org.guidelinekb.queries.ApiQuery;
import org.guidelinekb.util.Resources;
import org.guidelinekb.util.ServerVersion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the server's OpenAPI 3.0 document: the hand-written part ({@code src/main/resources/openapi/routes.json},
 * which everyone adding a route extends), plus one path per named query generated from its file's header, plus a
 * placeholder (marked {@code x-gkb-undocumented}) for any registered route the file does not describe yet, so the
 * document always covers every route; a test fails while any placeholder remains.
 */
final class OpenApiDocument {
    static final String ROUTES_FILE = "openapi/routes.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {}

    static ObjectNode build(List<ApiQuery> queries, List<RouteTable.Route> routes) {
        ObjectNode doc;
        try {
            doc = (ObjectNode) JSON.readTree(Resources.read(ROUTES_FILE));
        } catch (Exception e) {
            throw new IllegalStateException(ROUTES_FILE + " is not valid JSON: " + e.getMessage(), e);
        }
        ((ObjectNode) doc.get("info")).put("version", ServerVersion.get());
        problemTypes((ObjectNode) doc.at("/components/schemas/Problem/properties/type"));
        ObjectNode paths = (ObjectNode) doc.get("paths");
        for (ApiQuery q : queries) paths.set("/api/queries/" + q.name(), queryPath(q));
        for (RouteTable.Route r : routes) {
            boolean documented = false;
            for (var it = paths.fieldNames(); it.hasNext(); ) {
                String p = it.next();
                if (r.covers(p) && paths.get(p).has(r.method())) documented = true;
            }
            if (!documented) {
                String p = r.path().replaceAll("<([^>/]+)>", "{$1}");
                ObjectNode item = paths.has(p) ? (ObjectNode) paths.get(p) : paths.putObject(p);
                ObjectNode op = item.putObject(r.method());
                op.put("summary", "Not documented yet (add it to " + ROUTES_FILE + ")");
                op.put("x-gkb-undocumented", true);
                ArrayNode params = op.putArray("parameters");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}/]+)\\}").matcher(p);
                while (m.find()) {
                    params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                          .putObject("schema").put("type", "string");
                }
                op.putObject("responses").putObject("default").put("description", "not documented");
            }
        }
        return doc;
    }

    private static ObjectNode queryPath(ApiQuery q) {
        ObjectNode item = JSON.createObjectNode();
        List<QueryParamDocs> docs = QueryParamDocs.of(q);
        String description = q.description() + (q.versionScoped()
                ? "\n\nVersion-scoped: reads the version graph(s) selected by `guideline`, `version` or `asOf`"
                  + " (default: the current version of every guideline); the `GKB-Versions` header names them."
                : "\n\nNot version-scoped: its data are not in guideline-version graphs, so it takes no `guideline`, `version` or `asOf`.")
                + "\n\nFile: `sparql/" + q.name() + ".rq`.";

        ObjectNode get = item.putObject("get");
        get.put("operationId", "query-" + q.name());
        get.put("summary", q.summary());
        get.put("description", description);
        get.putArray("tags").add("named queries");
        ArrayNode params = get.putArray("parameters");
        for (QueryParamDocs p : docs) {
            ObjectNode param = params.addObject();
            param.put("name", p.name()).put("in", "query").put("required", p.required()).put("description", p.description());
            if (p.list()) param.put("style", "form").put("explode", true);
            param.set("schema", schema(p));
            if (p.example() != null) param.set("example", JSON.valueToTree(p.example()));
        }
        get.set("responses", responses(false));

        ObjectNode post = item.putObject("post");
        post.put("operationId", "query-" + q.name() + "-post");
        post.put("summary", q.summary() + " (parameters in the body)");
        post.put("description", "The same as GET, with the parameters as a form or a JSON object"
                + " (`{\"name\": value}` or `{\"name\": [values]}` for a list). The `next` link is a GET URL.");
        post.putArray("tags").add("named queries");
        ObjectNode bodySchema = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode props = bodySchema.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        ObjectNode example = JSON.createObjectNode();
        for (QueryParamDocs p : docs) {
            props.set(p.name(), schema(p));
            if (p.required()) required.add(p.name());
            if (p.example() != null) example.set(p.name(), JSON.valueToTree(p.example()));
        }
        if (!required.isEmpty()) bodySchema.set("required", required);
        ObjectNode content = post.putObject("requestBody").put("required", false).putObject("content");
        content.putObject("application/json").<ObjectNode>set("schema", bodySchema).set("example", example);
        content.putObject("application/x-www-form-urlencoded").set("schema", bodySchema);
        post.set("responses", responses(true));
        return item;
    }

    private static ObjectNode schema(QueryParamDocs p) {
        ObjectNode one = JSON.createObjectNode();
        switch (p.type()) {
            case "integer" -> one.put("type", "integer");
            case "decimal" -> one.put("type", "number");
            case "date" -> one.put("type", "string").put("format", "date");
            case "iri" -> one.put("type", "string").put("format", "uri");
            default -> one.put("type", "string");
        }
        if (p.name().equals("limit")) one.put("minimum", 1).put("maximum", org.guidelinekb.queries.PageRequest.MAX_LIMIT);
        if (p.name().equals("offset")) one.put("minimum", 0);
        if (!p.list()) {
            if (p.defaultValue() != null) one.set("default", JSON.valueToTree(p.defaultValue()));
            return one;
        }
        ObjectNode arr = JSON.createObjectNode().put("type", "array");
        arr.set("items", one);
        if (p.defaultValue() != null) arr.set("default", JSON.valueToTree(p.defaultValue()));
        return arr;
    }

    /** The answers of a named query; one with a body can also be too large (413). */
    private static ObjectNode responses(boolean body) {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode ok = r.putObject("200");
        ok.put("description", "One page of results. More rows: a `Link: <url>; rel=\"next\"` header (RFC 8288).");
        ObjectNode headers = ok.putObject("headers");
        headers.putObject("Link").put("description", "rel=\"next\": the next page, when there is one")
               .putObject("schema").put("type", "string");
        headers.putObject("GKB-Versions").put("description", "version-scoped queries: the version graph IRIs read, space-separated")
               .putObject("schema").put("type", "string");
        ObjectNode content = ok.putObject("content");
        content.putObject(QueryResults.JSON).putObject("schema").put("$ref", "#/components/schemas/SparqlResults");
        content.putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/SparqlResults");
        content.putObject(QueryResults.XML).putObject("schema").put("type", "string");
        content.putObject("application/xml").putObject("schema").put("type", "string");
        content.putObject(QueryResults.CSV).putObject("schema").put("type", "string");
        content.putObject(QueryResults.TSV).putObject("schema").put("type", "string");
        for (String code : body ? new String[] {"400", "404", "406", "413", "415", "503"} : new String[] {"400", "404", "406", "415", "503"}) {
            r.putObject(code).put("$ref", "#/components/responses/Problem" + code);
        }
        return r;
    }

    /** A problem's {@code type} is one of the registry's URIs, each documented in docs/problems.md. */
    private static void problemTypes(ObjectNode type) {
        type.put("format", "uri").put("description", "the problem type: " + ProblemType.BASE
                + "<name>, documented under the heading <name> of docs/problems.md");
        ArrayNode values = type.putArray("enum");
        for (ProblemType t : ProblemType.values()) values.add(t.uri());
    }

    /** Whether a document node marks an undocumented route. */
    static boolean undocumented(JsonNode op) {
        return op.path("x-gkb-undocumented").asBoolean(false);
    }
}

package org.guidelinekb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.RunningServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * /openapi.json documents every route the server registered, parses as OpenAPI 3, and every documented operation,
 * called with its documented example values (writes with a token), answers what the document says it answers:
 * each real response is validated against the document with Atlassian's swagger-request-validator.
 */
class TestOpenApi {
    private static final String TOKEN = "openapi-test-token";
    @RegisterExtension
    static final RunningServer server = RunningServer.with(() -> AppConfig.forTests().toBuilder().adminToken(TOKEN).build());
    private static JsonNode doc;
    private static String docText;

    @BeforeAll static void start() {
        HttpResponse<String> r = server.http().get("/openapi.json");
        assertEquals(200, r.statusCode());
        docText = r.body();
        doc = Http.json(r);
        try {
            // for .ci/lint-openapi (Redocly CLI's recommended rules)
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), docText);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test void the_document_is_openapi_3_and_parses_without_errors() {
        assertTrue(doc.get("openapi").asText().startsWith("3."), doc.get("openapi").asText());
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(docText);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), String.valueOf(parsed.getMessages()));
        assertTrue(parsed.getOpenAPI() != null && parsed.getOpenAPI().getPaths().size() > 20);
    }

    @Test void every_registered_route_is_documented() {
        List<String> undocumented = new ArrayList<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            if (op.getValue().path("x-gkb-undocumented").asBoolean(false)) undocumented.add(op.getKey().toUpperCase() + " " + p.getKey());
        }));
        assertTrue(undocumented.isEmpty(), "routes registered in App.routes() but missing from "
                + "src/main/resources/openapi/routes.json: " + undocumented);
        for (String p : List.of("/api/evaluate", "/api/evaluate/compare", "/cds-services", "/api/guidelines/{g}/compare",
                "/api/queries", "/api/resource", "/api/queries/list-statements", "/openapi.json")) {
            assertTrue(doc.get("paths").has(p), "documents " + p);
        }
        assertTrue(doc.at("/paths/~1api~1evaluate/post").isObject());
    }

    /**
     * Every schema says what it holds: none lists {@code required} members without {@code properties}, none is
     * {@code nullable} without a {@code type}; every operation has a unique {@code operationId}.
     */
    @Test void every_schema_is_complete_and_every_operation_has_an_operation_id() {
        List<String> incomplete = new ArrayList<>();
        walk(doc, "#", incomplete);
        assertTrue(incomplete.isEmpty(), "incomplete schemas: " + incomplete);
        java.util.Set<String> ids = new java.util.HashSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            if (!List.of("get", "post", "put", "delete", "patch").contains(op.getKey())) return;
            String id = op.getValue().path("operationId").asText("");
            assertTrue(!id.isEmpty(), op.getKey().toUpperCase() + " " + p.getKey() + " has no operationId");
            assertTrue(ids.add(id), "operationId " + id + " is used twice");
        }));
    }

    private static void walk(JsonNode n, String at, List<String> incomplete) {
        if (n.isObject()) {
            if (n.path("required").isArray() && !n.has("properties")) incomplete.add(at + ": required without properties");
            if (n.path("nullable").asBoolean(false) && !n.has("type")) incomplete.add(at + ": nullable without type");
            n.properties().forEach(e -> walk(e.getValue(), at + "/" + e.getKey(), incomplete));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) walk(n.get(i), at + "/" + i, incomplete);
        }
    }

    /**
     * The refusals of the SPARQL endpoint and of the routes that read a body are documented statuses with a problem
     * body: a request over the size limit (413), of a type the route does not read (415), a malformed query (400),
     * a graph that does not exist (404). Each real answer is validated against the document.
     */
    @Test void refusals_are_documented_statuses() {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(docText).build();
        String big = "{\"pad\": \"" + "x".repeat(1_100_000) + "\"}";
        List<String[]> cases = List.of(
                new String[] {"POST", "/api/evaluate", "application/json", big, "413"},
                new String[] {"POST", "/api/evaluate", "text/plain", "{}", "415"},
                new String[] {"POST", "/api/evaluate/compare", "text/plain", "{}", "415"},
                new String[] {"POST", "/cds-services/gkb-metastatic-breast-cancer", "application/json", big, "413"},
                new String[] {"POST", "/cds-services/gkb-metastatic-breast-cancer", "text/plain", "{}", "415"},
                new String[] {"POST", "/cds-services/gkb-metastatic-breast-cancer/feedback", "text/plain", "{}", "415"},
                new String[] {"POST", "/kb/sparql", "application/sparql-query", "SELECT * WHERE {", "400"},
                new String[] {"POST", "/kb/sparql", "application/x-www-form-urlencoded", "update=" + Http.enc("INSERT DATA { <urn:a> <urn:b> <urn:c> }"), "400"},
                new String[] {"GET", "/kb/sparql?query=" + Http.enc("SELECT * WHERE {"), null, null, "400"},
                new String[] {"GET", "/kb/query?query=" + Http.enc("SELECT * WHERE {"), null, null, "400"},
                new String[] {"GET", "/kb/get?graph=" + Http.enc("https://w3id.org/gkb/graph/no-such-graph"), null, null, "404"});
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            String[] pathAndQuery = c[1].split("\\?", 2);
            HttpRequest.Builder hb = HttpRequest.newBuilder(URI.create(server.url(c[1])))
                    .method(c[0], c[3] == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c[3]));
            SimpleRequest.Builder rb = new SimpleRequest.Builder(c[0], pathAndQuery[0]);
            if (pathAndQuery.length > 1) {
                String[] kv = pathAndQuery[1].split("=", 2);
                rb.withQueryParam(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
            }
            if (c[2] != null) {
                hb.header("Content-Type", c[2]);
                rb.withContentType(c[2]).withBody(c[3]);
            }
            HttpResponse<String> r = server.http().send(hb);
            String where = c[0] + " " + pathAndQuery[0] + " (" + c[2] + ")";
            if (r.statusCode() != Integer.parseInt(c[4])) {
                failures.add(where + " answered " + r.statusCode() + ", expected " + c[4]);
                continue;
            }
            assertTrue(Http.contentType(r).startsWith(Problem.CONTENT_TYPE), where + ": " + Http.contentType(r));
            SimpleResponse.Builder resp = SimpleResponse.Builder.status(r.statusCode()).withBody(r.body());
            r.headers().map().forEach(resp::withHeader);
            r.headers().firstValue("Content-Type").ifPresent(resp::withContentType);
            ValidationReport report = validator.validate(rb.build(), resp.build());
            List<String> errors = report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .filter(m -> m.getKey().startsWith("validation.response"))
                    .map(m -> m.getKey() + ": " + m.getMessage()).toList();
            if (!errors.isEmpty()) failures.add(where + " → " + r.statusCode() + ": " + errors);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Writes, and reads the document marks as secured, are sent with a write token. */
    @Test void every_documented_operation_answers_as_documented() {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(docText).build();
        List<String[]> ops = new ArrayList<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            if (List.of("get", "post", "put", "delete").contains(op.getKey())) ops.add(new String[] {op.getKey(), p.getKey()});
        }));
        // reads first, writes after, deletes last: a write must not change what a later read was documented against
        ops.sort(Comparator.comparing((String[] o) -> List.of("get", "post", "put", "delete").indexOf(o[0])).thenComparing(o -> o[1]));
        List<String> failures = new ArrayList<>();
        int called = 0;
        for (String[] op : ops) {
            JsonNode operation = doc.get("paths").get(op[1]).get(op[0]);
            try {
                Call c = call(op[0], op[1], operation);
                called++;
                if (op[0].equals("get") && c.status >= 400) {
                    failures.add("GET " + op[1] + " with its documented examples answered " + c.status);
                }
                ValidationReport report = validator.validate(c.request, c.response);
                if (report.hasErrors()) {
                    failures.add(op[0].toUpperCase() + " " + op[1] + " → " + c.status + ": "
                            + report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                                    .map(m -> m.getKey() + ": " + m.getMessage()).toList());
                }
            } catch (AssertionError e) {
                failures.add(op[0].toUpperCase() + " " + op[1] + ": " + e.getMessage());
            }
        }
        assertTrue(called > 40, "called " + called + " operations");
        assertTrue(failures.isEmpty(), failures.size() + " operation(s) disagree with /openapi.json:\n" + String.join("\n", failures));
    }

    private record Call(Request request, com.atlassian.oai.validator.model.Response response, int status) {}

    private static Call call(String method, String template, JsonNode op) {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.path("parameters")) {
            String name = p.get("name").asText();
            JsonNode example = example(p);
            if (p.get("in").asText().equals("path")) {
                if (example == null) throw new AssertionError("path parameter " + name + " has no example");
                path = path.replace("{" + name + "}", example.asText());
            } else if (p.get("in").asText().equals("query") && (p.path("required").asBoolean(false) || p.has("example"))) {
                if (example == null) throw new AssertionError("required parameter " + name + " has no example");
                for (JsonNode v : example.isArray() ? example : List.of(example)) {
                    query.append(query.length() == 0 ? "?" : "&").append(Http.enc(name)).append('=').append(Http.enc(v.asText()));
                }
            }
        }
        // what the validator checks: the concrete path, the query parameters, the body and headers sent
        SimpleRequest.Builder rb = new SimpleRequest.Builder(method.toUpperCase(), path);
        for (JsonNode p : op.path("parameters")) {
            if (p.get("in").asText().equals("query") && (p.path("required").asBoolean(false) || p.has("example"))) {
                JsonNode example = example(p);
                for (JsonNode v : example.isArray() ? example : List.of(example)) rb.withQueryParam(p.get("name").asText(), v.asText());
            }
        }
        HttpRequest.Builder hb = HttpRequest.newBuilder(URI.create(server.url(path + query)));
        String body = null;
        String contentType = null;
        JsonNode content = op.path("requestBody").path("content");
        if (content.isObject() && content.size() > 0) {
            Map.Entry<String, JsonNode> chosen = content.properties().iterator().next();
            for (var e : content.properties()) {
                if (e.getValue().has("example")) {
                    chosen = e;
                    break;
                }
            }
            contentType = chosen.getKey();
            JsonNode ex = chosen.getValue().get("example");
            body = ex == null ? "" : ex.isTextual() ? ex.asText() : ex.toString();
            if (contentType.equals("application/x-www-form-urlencoded") && ex != null && ex.isObject()) {
                StringBuilder f = new StringBuilder();
                ex.properties().forEach(e -> f.append(f.length() == 0 ? "" : "&").append(Http.enc(e.getKey())).append('=').append(Http.enc(e.getValue().asText())));
                body = f.toString();
            }
            hb.header("Content-Type", contentType);
            rb.withContentType(contentType).withBody(body);
        }
        if (!method.equals("get") || op.has("security")) {
            hb.header("Authorization", "Bearer " + TOKEN);
            rb.withHeader("Authorization", "Bearer " + TOKEN);
        }
        hb.method(method.toUpperCase(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = server.http().send(hb);
        SimpleResponse.Builder resp = SimpleResponse.Builder.status(r.statusCode()).withBody(r.body());
        r.headers().map().forEach((k, vs) -> resp.withHeader(k, vs));
        r.headers().firstValue("Content-Type").ifPresent(resp::withContentType);
        if (r.statusCode() >= 500) throw new AssertionError("answered " + r.statusCode() + ": " + r.body());
        return new Call(rb.build(), resp.build(), r.statusCode());
    }

    private static JsonNode example(JsonNode param) {
        if (param.has("example")) return param.get("example");
        JsonNode s = param.path("schema");
        if (s.has("example")) return s.get("example");
        if (s.has("default")) return s.get("default");
        if (s.has("enum")) return s.get("enum").get(0);
        return null;
    }
}

package org.guidelinekb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.guidelinekb.error.ProblemType;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every problem type the server can emit has its heading in docs/problems.md, with the status the server gives it.
 * The types come from the registry {@link ProblemType}: a {@link Problem} (the only way the server writes a problem
 * document) and a domain exception both take one, and every HTTP error status maps to one ({@link ApiErrors#typeFor}).
 */
class ProblemTypesDocumentedTest {
    private static final Path DOC = Path.of("docs/problems.md");
    private static final Pattern HEADING = Pattern.compile("^## (\\S+)\\n\\n\\*\\*([^*]+)\\*\\*", Pattern.MULTILINE);

    /** The headings of docs/problems.md with the status written at the head of each section ("404." / "Any other status"). */
    private static Map<String, String> headings() throws IOException {
        String text = Files.readString(DOC);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(text);
        while (m.find()) out.put(m.group(1), m.group(2).replaceAll("[.,]$", ""));
        long all = text.lines().filter(l -> l.startsWith("## ")).count();
        assertEquals(all, out.size(), "every '## ' heading of " + DOC + " starts its section with the status in bold");
        return out;
    }

    @Test
    void every_registered_type_has_a_heading_with_its_status_and_every_heading_is_a_type() throws IOException {
        Map<String, String> headings = headings();
        for (ProblemType t : ProblemType.values()) {
            assertTrue(headings.containsKey(t.slug()), DOC + " has no heading '## " + t.slug() + "' for " + t);
            int status = ApiErrors.status(t);
            String expected = status == 0 ? "Any other status" : Integer.toString(status);
            assertEquals(expected, headings.get(t.slug()), "status documented for " + t.slug());
            assertEquals(ProblemType.BASE + t.slug(), t.uri(), "the type URI names the heading");
        }
        for (String h : headings.keySet()) {
            assertTrue(ProblemType.ofSlug(h).isPresent(), DOC + " documents '" + h + "', which is no problem type of the server");
        }
    }

    @Test
    void every_error_status_maps_to_a_registered_type_with_that_status() {
        for (int status = 400; status < 600; status++) {
            ProblemType t = ApiErrors.typeFor(status);
            assertTrue(ApiErrors.status(t) == status || t == ProblemType.HTTP_ERROR, status + " → " + t);
        }
        // a type with a fixed status is what that status maps to, or it is raised by name (a domain exception)
        for (ProblemType t : ProblemType.values()) {
            int status = ApiErrors.status(t);
            if (status != 0) assertEquals(status, ApiErrors.status(ApiErrors.typeFor(status)), t.toString());
        }
    }

    @Test
    void problems_a_running_server_answers_name_documented_headings() throws IOException {
        Map<String, String> headings = headings();
        try (TestServer server = TestServer.start()) {
            Http http = server.http();
            List<HttpResponse<String>> answers = List.of(
                    http.get("/no/such/path"),
                    http.method("DELETE", "/kb", null, null),
                    http.get("/api/guidelines/nccn-breast/compare?from=2015&to=6.2026", "Accept", "image/png"),
                    http.post("/api/evaluate", "text/plain", "{}"),
                    http.post("/api/evaluate", "application/json", "{\"case\": {\"primarySymtoms\": [\"bleeding\"]}}"),
                    http.get("/kb/sparql?query=" + Http.enc("SELECT * WHERE {")),
                    http.method("DELETE", "/api/guidelines/nccn-breast/versions/2015", null, null));
            for (HttpResponse<String> r : answers) {
                assertTrue(r.statusCode() >= 400, r.uri() + " " + r.statusCode());
                assertTrue(Http.contentType(r).startsWith(Problem.CONTENT_TYPE), r.uri() + " " + Http.contentType(r));
                JsonNode p = Http.json(r);
                String type = p.path("type").asText();
                assertTrue(type.startsWith(ProblemType.BASE), type);
                String slug = type.substring(ProblemType.BASE.length());
                assertTrue(headings.containsKey(slug), r.uri() + " answered type " + type + ", not documented in " + DOC);
                assertEquals(Integer.toString(r.statusCode()), headings.get(slug), r.uri() + " " + type);
            }
            assertEquals(List.of("not-found", "method-not-allowed", "not-acceptable", "unsupported-media-type",
                            "invalid-input", "invalid-input", "unauthenticated"),
                    answers.stream().map(r -> Http.json(r).path("type").asText().substring(ProblemType.BASE.length())).toList());
        }
    }
}

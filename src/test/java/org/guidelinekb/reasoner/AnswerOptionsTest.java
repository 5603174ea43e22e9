package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.guidelinekb.cli.Main;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The evaluation answer options {@code include} and {@code explain} (docs/scale.md): both answer shapes hold to their
 * JSON Schema (src/test/resources/reasoner/answer-schemas), the options choose what the answer carries, the default
 * answer is unchanged, and a bad value is a 400 naming the option and its allowed values (API and CLI).
 */
class AnswerOptionsTest {
    private static final Path SCHEMAS = ReasonerTestLib.RESOURCES.resolve("answer-schemas");
    private static final String CASE = "\"guideline\":\"fixture\",\"version\":\"2\",\"case\":{\"metastatic\":false,\"age\":40}";
    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = ReasonerTestLib.fixtureServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode evaluate(String body) {
        HttpResponse<String> r = server.http().post("/api/evaluate", "application/json", body);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    private static void assertValid(String schemaFile, JsonNode answer) throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Http.JSON.readTree(Files.readString(SCHEMAS.resolve(schemaFile))));
        var errors = schema.validate(answer);
        assertTrue(errors.isEmpty(), schemaFile + ": " + errors);
    }

    @Test
    void the_default_answer_is_the_full_one_and_holds_to_its_schema() throws IOException {
        JsonNode plain = evaluate("{" + CASE + "}");
        JsonNode explicit = evaluate("{" + CASE + ",\"include\":[\"applicable\",\"undetermined\",\"not-applicable\"],\"explain\":\"full\"}");
        assertValid("full.schema.json", plain);
        assertFalse(plain.has("options") || plain.has("counts"), "the default answer is today's: " + plain.fieldNames());
        assertEquals(plain.get("recommendations"), explicit.get("recommendations"));
        assertEquals(17, plain.get("recommendations").size());
        assertTrue(plain.at("/recommendations/0/criteria").isArray());
        // the summary schema does not accept the full shape: the two shapes differ
        Schema summary = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Http.JSON.readTree(Files.readString(SCHEMAS.resolve("summary.schema.json"))));
        assertFalse(summary.validate(plain).isEmpty());
    }

    @Test
    void include_and_summary_return_the_chosen_statuses_without_criterion_traces() throws IOException {
        JsonNode full = evaluate("{" + CASE + "}");
        JsonNode summary = evaluate("{" + CASE + ",\"include\":[\"applicable\",\"undetermined\"],\"explain\":\"summary\"}");
        assertValid("summary.schema.json", summary);

        List<String> expected = new ArrayList<>();
        int[] counts = new int[3];
        for (JsonNode r : full.get("recommendations")) {
            String st = r.get("status").asText();
            counts[AnswerOptions.STATUSES.indexOf(st)]++;
            if (!st.equals("not-applicable")) expected.add(r.get("id").asText() + " " + st + " " + r.get("missing"));
        }
        List<String> got = new ArrayList<>();
        for (JsonNode r : summary.get("recommendations")) {
            var names = Http.JSON.createArrayNode();
            if (r.has("missing")) r.get("missing").forEach(i -> names.add(summary.get("missingAttributes").get(i.asInt())));
            got.add(summary.get("idBase").asText() + r.get("id").asText() + " " + r.get("status").asText() + " " + names);
        }
        assertEquals(expected, got, "same recommendations, order, statuses and missing data as the full answer");
        assertTrue(counts[2] > 0 && got.size() < full.get("recommendations").size(), "the case leaves some statements out");
        assertEquals(counts[0], summary.at("/counts/applicable").asInt());
        assertEquals(counts[1], summary.at("/counts/undetermined").asInt());
        assertEquals(counts[2], summary.at("/counts/not-applicable").asInt());
        for (JsonNode r : summary.get("recommendations")) assertFalse(r.has("criteria") || r.has("reasons"), r.toString());
        assertTrue(summary.get("missingAttributes").size() > 0, "the case leaves some statements undetermined");
        assertTrue(summary.toString().length() < full.toString().length() / 2, "the summary is much smaller");

        JsonNode onlyNot = evaluate("{" + CASE + ",\"include\":[\"not-applicable\"]}");
        assertValid("full.schema.json", onlyNot);
        assertEquals(counts[2], onlyNot.get("recommendations").size());
        for (JsonNode r : onlyNot.get("recommendations")) assertEquals("not-applicable", r.get("status").asText());
        assertTrue(onlyNot.at("/recommendations/0/criteria").isArray(), "explain defaults to full");
    }

    @Test
    void summary_ids_joined_to_their_base_are_the_full_answers_statement_iris() throws IOException {
        String body = "\"case\":{\"metastatic\":true}";
        JsonNode full = evaluate("{" + body + "}");
        JsonNode summary = evaluate("{" + body + ",\"include\":[\"applicable\",\"undetermined\",\"not-applicable\"],\"explain\":\"summary\"}");
        assertValid("summary.schema.json", summary);
        List<String> expected = new ArrayList<>();
        full.get("recommendations").forEach(r -> expected.add(r.get("id").asText()));
        List<String> got = new ArrayList<>();
        summary.get("recommendations").forEach(r -> got.add(summary.get("idBase").asText() + r.get("id").asText()));
        assertEquals(expected, got);
        assertFalse(summary.get("idBase").asText().isEmpty(), "the shipped statement IRIs share a base");
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = ';', nullValues = "NONE", value = {
        "https://x.org/g/v1/statement/a;https://x.org/g/v1/statement/",
        "https://x.org/g/v1/statement/a|https://x.org/g/v1/statement/b;https://x.org/g/v1/statement/",
        "https://x.org/g/v1/statement/rec-1|https://x.org/g/v1/statement/rec-2;https://x.org/g/v1/statement/",
        "https://x.org/g/v1/s/a|https://x.org/g/v2/s/a;https://x.org/g/",
        "https://x.org/kb#s1|https://x.org/kb#s2;https://x.org/kb#",
        "https://x.org/a/|https://x.org/a/b;https://x.org/",
        "https://x.org/a/;https://x.org/",
        "urn:uuid:1|urn:uuid:2;''",
        "NONE;''"})
    void the_id_base_ends_at_a_separator_and_leaves_every_id_non_empty(String iris, String base) {
        List<String> list = iris == null ? List.of() : List.of(iris.split("\\|"));
        assertEquals(base, EvaluationJson.idBase(list));
        for (String iri : list) assertFalse(iri.substring(base.length()).isEmpty(), iri);
    }

    @Test
    void bad_option_values_are_a_400_naming_the_option_and_the_allowed_values() {
        for (String bad : List.of("\"include\":[\"aplicable\"]", "\"include\":\"applicable\"", "\"include\":[]", "\"include\":[3]")) {
            JsonNode p = problem("{" + CASE + "," + bad + "}");
            assertEquals("include", p.at("/errors/0/field").asText(), p.toString());
            assertTrue(p.get("detail").asText().contains("applicable, undetermined, not-applicable"), p.toString());
        }
        JsonNode p = problem("{" + CASE + ",\"explain\":\"brief\"}");
        assertEquals("explain", p.at("/errors/0/field").asText(), p.toString());
        assertTrue(p.get("detail").asText().contains("full, summary"), p.toString());
        JsonNode typo = problem("{" + CASE + ",\"explain\":\"sumary\"}");
        assertEquals("summary", typo.at("/errors/0/suggestion").asText(), typo.toString());
    }

    private static JsonNode problem(String body) {
        HttpResponse<String> r = server.http().post("/api/evaluate", "application/json", body);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"), Http.contentType(r));
        return Http.json(r);
    }

    @Test
    void the_cli_takes_the_same_options_as_flags() throws IOException {
        Path req = dir.resolve("case.json");
        Files.writeString(req, "{\"guideline\": \"nccn-breast\", \"version\": \"2015\", \"case\": {\"metastatic\": true}}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"evaluate", "--mem", "--include", "applicable,undetermined", "--explain", "summary", req.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(Main.OK, code, err.toString());
        JsonNode answer = Http.JSON.readTree(out.toString());
        assertValid("summary.schema.json", answer);
        for (JsonNode r : answer.get("recommendations")) assertFalse(r.get("status").asText().equals("not-applicable"));

        StringWriter err2 = new StringWriter();
        int bad = Main.run(new String[] {"evaluate", "--mem", "--explain", "terse", req.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true));
        assertEquals(Main.FAILURE, bad);
        assertTrue(err2.toString().contains("explain") && err2.toString().contains("full, summary"), err2.toString());
    }
}

package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.guidelinekb.cli.Main;
import org.guidelinekb.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code gkb evaluate}: the API's request JSON in, the API's response JSON out (in-memory store, bundled content). */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void evaluate_prints_the_same_json_as_the_api_and_options_choose_the_version() throws IOException {
        Path req = dir.resolve("case.json");
        Files.writeString(req, "{\"guideline\": \"nccn-breast\", \"case\": {\"metastatic\": true, \"primaryTumorIntact\": true,"
                + " \"initialSystemicTherapyReceived\": true, \"primarySymptoms\": [\"bleeding\"],"
                + " \"completeLocalClearanceFeasible\": false, \"lifeThreateningMetastaticDisease\": false}}");
        Run r = run("evaluate", "--mem", "--version", "2015", req.toString());
        assertEquals(Main.OK, r.code(), r.err());
        JsonNode answer = Http.JSON.readTree(r.out());
        assertEquals("2015", answer.at("/evaluatedAgainst/0/version").asText());
        assertEquals(4, answer.get("recommendations").size());
        assertEquals("applicable", status(answer, "radiation-alternative-to-surgery"));
        assertEquals("not-applicable", status(answer, "palliative-primary-surgery"));

        Run inline = run("evaluate", "--mem", "--version", "2015", Files.readString(req)); // the request itself, not a file
        assertEquals(Main.OK, inline.code(), inline.err());
        assertEquals(answer, Http.JSON.readTree(inline.out()));
    }

    @Test
    void bad_input_exits_2_naming_the_field_and_conflicting_options_exit_1() throws IOException {
        Path req = dir.resolve("bad.json");
        Files.writeString(req, "{\"case\": {\"metastatik\": true}}");
        Run r = run("evaluate", "--mem", req.toString());
        assertEquals(Main.FAILURE, r.code());
        assertTrue(r.err().contains("metastatik") && r.err().contains("metastatic") && r.err().contains("400"), r.err());

        Run both = run("evaluate", "--mem", "--version", "2015", "--as-of", "2020-01-01", req.toString());
        assertEquals(Main.USAGE, both.code(), both.err());

        Run missing = run("evaluate", "--mem", dir.resolve("nope.json").toString());
        assertEquals(Main.FAILURE, missing.code());
        assertTrue(missing.err().contains("nope.json"), missing.err());
    }

    private static String status(JsonNode answer, String rec) {
        for (JsonNode r : answer.get("recommendations")) {
            if (r.get("recommendation").asText().endsWith("/" + rec)) return r.get("status").asText();
        }
        throw new AssertionError("no " + rec);
    }
}

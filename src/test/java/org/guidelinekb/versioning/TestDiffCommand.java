package org.guidelinekb.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.guidelinekb.cli.Main;
import org.guidelinekb.testing.Http;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code gkb diff}: the same comparison as the API, on the shipped content (in memory). */
class TestDiffCommand {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test void diff_prints_json_markdown_or_rdf_patch() throws Exception {
        Result json = run("diff", "nccn-breast", "2015", "6.2026", "--mem");
        assertEquals(0, json.code(), json.err());
        JsonNode d = Http.JSON.readTree(json.out());
        assertEquals("2015", d.get("from").asText());
        assertEquals("6.2026", d.get("to").asText());
        assertEquals(0, d.get("removed").size());
        assertTrue(d.get("notCovered").size() > 0, json.out());

        Result md = run("diff", "nccn-breast", "2015", "6.2026", "--mem", "--format", "markdown");
        assertEquals(0, md.code(), md.err());
        assertTrue(md.out().startsWith("# nccn-breast: changes from version 2015 to version 6.2026"), md.out());

        Result patch = run("diff", "nccn-breast", "2015", "6.2026", "--mem", "--format", "rdf-patch");
        assertEquals(0, patch.code(), patch.err());
        assertTrue(patch.out().startsWith("H from <https://w3id.org/gkb/id/guideline/nccn-breast/version/2015>"), patch.out());
    }

    @Test void unknown_versions_and_formats_fail_with_one_line() {
        Result unknown = run("diff", "nccn-breast", "2015", "1999", "--mem");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("has no version '1999'"), unknown.err());
        Result format = run("diff", "nccn-breast", "2015", "6.2026", "--mem", "--format", "pdf");
        assertEquals(1, format.code(), format.err());
    }
}

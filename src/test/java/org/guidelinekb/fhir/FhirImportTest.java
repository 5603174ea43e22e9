package org.guidelinekb.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.guidelinekb.AppConfig;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.cli.Main;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.guidelinekb.versioning.GuidelineDiff;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Library;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Round trip: every shipped version, exported and imported back (POST /fhir/Bundle, ./gkb import-fhir), is a new
 * draft that the statement-level comparison reports unchanged against its source. A Bundle of another shape is a 400
 * problem (exit 2) naming what is missing, and writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirImportTest {
    private static final String TOKEN = "fhir-import-secret";
    private TestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    void start() {
        server = TestServer.start(AppConfig.forTests().toBuilder().adminToken(TOKEN).build());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    private String export(String id) {
        HttpResponse<String> r = server.http().get("/fhir/Bundle/" + id);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private HttpResponse<String> post(String query, String body, String... headers) {
        return server.http().post("/fhir/Bundle" + query, "application/fhir+json", body, headers);
    }

    @Test
    void everyShippedVersionComesBackUnchanged() {
        int checked = 0;
        for (var g : server.app().kb().versions().catalog().guidelines()) {
            for (var v : List.copyOf(g.versions())) {
                if (v.label().endsWith("-rt")) continue;
                String label = v.label() + "-rt";
                HttpResponse<String> r = post("?label=" + label, export(FhirExport.bundleId(g.id(), v.label())), "Authorization", "Bearer " + TOKEN);
                assertEquals(201, r.statusCode(), r.body());
                assertEquals("draft", Http.json(r).path("status").asText(), r.body());
                GuidelineDiff d = server.app().kb().versions().compare(g.id(), VersionSelector.label(v.label()), VersionSelector.label(label));
                int statements = server.app().kb().reasoner().index().version(v).statements().size();
                assertEquals(List.of(), d.modified(), g.id() + " " + v.label());
                assertEquals(List.of(), d.added());
                assertEquals(List.of(), d.removed());
                assertEquals(List.of(), d.notCovered());
                assertEquals(statements, d.unchanged(), g.id() + " " + v.label());
                checked++;
            }
        }
        assertTrue(checked >= 3, "versions round-tripped: " + checked);
    }

    @Test
    void importNeedsAWriteToken() {
        HttpResponse<String> r = post("?label=no-token", export("nccn-breast--2015"));
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"));
    }

    @Test
    void bundlesOfAnotherShapeAre400ProblemsNamingWhatIsMissing() {
        Bundle noCoverage = FhirJson.parser().parseResource(Bundle.class, export("nccn-breast--2015"));
        FhirExportTest.of(noCoverage, Library.class).get(0).getExtension().removeIf(e -> e.getUrl().equals(FhirUrls.EXT_COVERAGE));
        Bundle noLibrary = FhirJson.parser().parseResource(Bundle.class, export("nccn-breast--2015"));
        noLibrary.getEntry().removeIf(e -> e.getResource() instanceof Library);
        Bundle wrongType = FhirJson.parser().parseResource(Bundle.class, export("nccn-breast--2015"));
        FhirExportTest.of(wrongType, org.hl7.fhir.r4.model.PlanDefinition.class).get(0).getActionFirstRep()
                .getExtensionByUrl(FhirUrls.EXT_MODALITY).setValue(new org.hl7.fhir.r4.model.StringType("recommend"));
        String[][] cases = {
            {"not json", "the body is not a FHIR R4 resource"},
            {"{\"resourceType\": \"Patient\", \"id\": \"p\"}", "must be Bundle"},
            {"{\"resourceType\": \"Bundle\", \"type\": \"collection\"}", "must hold exactly one Library"},
            {FhirJson.write(noLibrary), "must hold exactly one Library"},
            {FhirJson.write(noCoverage), "coverage"},
            {FhirJson.write(wrongType), "PlanDefinition/systemic-therapy-primary is not in the shape the export writes"},
        };
        int before = server.app().kb().versions().catalog().guidelines().stream().mapToInt(g -> g.versions().size()).sum();
        for (String[] c : cases) {
            HttpResponse<String> r = post("?label=bad-shape", c[0], "Authorization", "Bearer " + TOKEN);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(Http.contentType(r).startsWith("application/problem+json"));
            JsonNode p = Http.json(r);
            assertEquals("https://w3id.org/gkb/problems/invalid-input", p.path("type").asText(), r.body());
            assertTrue(p.path("detail").asText().contains(c[1]), c[1] + " not in " + p.path("detail").asText());
        }
        int after = server.app().kb().versions().catalog().guidelines().stream().mapToInt(g -> g.versions().size()).sum();
        assertEquals(before, after, "nothing written");
    }

    @Test
    void theCliImportsAnExportAndRefusesOtherShapesWithExit2() throws Exception {
        Path file = tmp.resolve("nccn-breast--6.2026.json");
        Files.writeString(file, export("nccn-breast--6.2026"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"import-fhir", file.toString(), "--mem"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(Main.OK, code, err.toString());
        JsonNode w = Http.JSON.readTree(out.toString());
        assertEquals("6.2026-fhir", w.path("version").asText(), out.toString());
        assertEquals("draft", w.path("status").asText());

        Path bad = tmp.resolve("patient.json");
        Files.writeString(bad, "{\"resourceType\": \"Bundle\", \"type\": \"collection\"}");
        StringWriter err2 = new StringWriter();
        int refused = Main.run(new String[] {"import-fhir", bad.toString(), "--mem"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true));
        assertEquals(Main.FAILURE, refused);
        assertTrue(err2.toString().contains("must hold exactly one Library"), err2.toString());
    }
}

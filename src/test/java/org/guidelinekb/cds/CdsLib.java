package org.guidelinekb.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.guidelinekb.testing.Http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** Test helpers for the CDS Hooks service: fixtures, the response JSON Schemas, card digests. */
final class CdsLib {
    static final Path DIR = Path.of("src/test/resources/cds");
    static final String PATIENT_VIEW = "gkb-metastatic-breast-cancer";
    static final String ORDER_SELECT = "gkb-breast-surgery-order-check";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema RESPONSE = SCHEMAS.getSchema(read(DIR.resolve("cds-hooks-response.schema.json")), InputFormat.JSON);
    private static final Schema DISCOVERY = SCHEMAS.getSchema(read(DIR.resolve("cds-hooks-discovery.schema.json")), InputFormat.JSON);

    private CdsLib() {}

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String s) {
        try {
            return Http.JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    /** A 200 service response that passes the CDS Hooks response schema; returns its JSON. */
    static JsonNode assertCdsResponse(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Http.contentType(r).startsWith("application/json"), Http.contentType(r));
        List<Error> errors = RESPONSE.validate(r.body(), InputFormat.JSON);
        assertTrue(errors.isEmpty(), "response breaks the CDS Hooks response rules: " + errors + "\n" + r.body());
        return Http.json(r);
    }

    static JsonNode assertDiscovery(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        List<Error> errors = DISCOVERY.validate(r.body(), InputFormat.JSON);
        assertTrue(errors.isEmpty(), "discovery breaks the CDS Hooks rules: " + errors + "\n" + r.body());
        return Http.json(r);
    }

    /** A problem+json answer with that status; returns its JSON. */
    static JsonNode assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"), Http.contentType(r) + " " + r.body());
        return Http.json(r);
    }

    /** What a test compares of the cards: kind, indicator, statement (or version), status, and missing attributes. */
    static ArrayNode digest(JsonNode response) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode card : response.path("cards")) {
            ObjectNode d = out.addObject();
            JsonNode st = card.path("extension").path("org.guidelinekb.statement");
            JsonNode md = card.path("extension").path("org.guidelinekb.missing-data");
            d.put("indicator", card.path("indicator").asText());
            if (!st.isMissingNode()) {
                d.put("kind", st.path("cardKind").asText());
                d.put("statement", st.path("statement").asText());
                d.put("status", st.path("status").asText());
                d.put("fromNonActiveVersion", st.path("fromNonActiveVersion").asBoolean());
            } else {
                d.put("kind", md.path("cardKind").asText());
                d.put("version", md.path("versionIri").asText());
                ArrayNode attrs = d.putArray("missing");
                md.path("attributes").fieldNames().forEachRemaining(attrs::add);
                ArrayNode sts = d.putArray("statements");
                md.path("statements").forEach(s -> sts.add(s.path("statement").asText()));
            }
        }
        return out;
    }
}

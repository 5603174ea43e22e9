package org.guidelinekb.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Feedback round trip: cards issued, feedback posted, counts per statement version in the summary and in SPARQL.
 * Feedback is a write: refused without a trusted client's JWT unless the server runs with {@code --cds-feedback-open}
 * (the JWT side is in {@link TestCdsJwt}); card uuids are keyed with the server's secret; a card counts once.
 */
class TestCdsFeedback {
    private static final AppConfig OPEN = AppConfig.forTests().toBuilder().cdsJwt(CdsJwtSettings.NONE.withFeedbackOpen(true)).build();
    private static final String SURGERY_2015 = "https://w3id.org/gkb/id/guideline/nccn-breast/version/2015/statement/palliative-primary-surgery";
    private static final String V2015 = "https://w3id.org/gkb/id/guideline/nccn-breast/version/2015";

    private static JsonNode cardFor(JsonNode response, String statement) {
        for (JsonNode c : response.path("cards")) {
            if (c.at("/extension/org.guidelinekb.statement/statement").asText().equals(statement)) return c;
        }
        throw new AssertionError("no card for " + statement + " in " + response);
    }

    private static ObjectNode item(String card, String outcome) {
        return JsonNodeFactory.instance.objectNode().put("card", card).put("outcome", outcome).put("outcomeTimestamp", "2026-11-27T10:15:00Z");
    }

    private static String body(ObjectNode... items) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        ArrayNode a = b.putArray("feedback");
        for (ObjectNode i : items) a.add(i);
        return b.toString();
    }

    private static JsonNode row(JsonNode summary, String statement, String kind) {
        for (JsonNode r : summary.path("statements")) {
            if (statement.equals(r.path("statement").asText()) && kind.equals(r.path("cardKind").asText())) return r;
        }
        return null;
    }

    private static String issuedCard(Http http) {
        JsonNode pv = CdsLib.assertCdsResponse(http.post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json",
                CdsLib.read(CdsLib.DIR.resolve("scenarios/2015-symptomatic-resectable/request.json"))));
        return cardFor(pv, SURGERY_2015).path("uuid").asText();
    }

    @Test void accepted_and_overridden_feedback_is_counted_per_statement_version_and_visible_to_sparql() {
        try (TestServer server = TestServer.start(OPEN)) {
            Http http = server.http();
            JsonNode pv = CdsLib.assertCdsResponse(http.post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json",
                    CdsLib.read(CdsLib.DIR.resolve("scenarios/2015-symptomatic-resectable/request.json"))));
            String recCard2 = issuedCard(http);
            JsonNode os = CdsLib.assertCdsResponse(http.post("/cds-services/" + CdsLib.ORDER_SELECT, "application/json",
                    CdsLib.read(CdsLib.DIR.resolve("scenarios/order-2015-not-resectable/request.json"))));
            String recCard = cardFor(pv, SURGERY_2015).path("uuid").asText();
            JsonNode warning = cardFor(os, SURGERY_2015);
            String warnCard = warning.path("uuid").asText();
            String suggestion = warning.at("/suggestions/0/uuid").asText();

            // patient-view: one card accepted, another card on the same statement overridden with a reason
            ObjectNode overridden = item(recCard2, "overridden");
            overridden.putObject("overrideReason").put("userComment", "patient prefers radiation")
                    .putObject("reason").put("system", CardBuilder.OVERRIDE_SYSTEM).put("code", "patient-decision").put("display", "Decided with the patient");
            HttpResponse<String> r = http.post("/cds-services/" + CdsLib.PATIENT_VIEW + "/feedback", "application/json",
                    body(item(recCard, "accepted"), overridden));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(2, Http.json(r).path("stored").asInt());
            assertEquals(SURGERY_2015, Http.json(r).at("/feedback/0/statement").asText());
            assertEquals("2015", Http.json(r).at("/feedback/0/version").asText());

            // order-select: the warning accepted with its suggestion
            ObjectNode accepted = item(warnCard, "accepted");
            accepted.putArray("acceptedSuggestions").addObject().put("id", suggestion);
            r = http.post("/cds-services/" + CdsLib.ORDER_SELECT + "/feedback", "application/json", body(accepted));
            assertEquals(200, r.statusCode(), r.body());

            JsonNode summary = Http.json(http.get("/api/feedback/summary"));
            JsonNode rec = row(summary, SURGERY_2015, "recommendation");
            JsonNode chk = row(summary, SURGERY_2015, "order-check");
            assertEquals(1, rec.path("accepted").asInt(), summary.toString());
            assertEquals(1, rec.path("overridden").asInt(), summary.toString());
            assertEquals("nccn-breast", rec.path("guideline").asText());
            assertEquals("2015", rec.path("version").asText());
            assertEquals(1, chk.path("accepted").asInt(), summary.toString());
            assertEquals(0, chk.path("overridden").asInt(), summary.toString());

            // the same data through the public SPARQL endpoint
            JsonNode rows = Http.json(http.postForm("/kb/sparql", Map.of("query", CdsLib.read(CdsLib.DIR.resolve("feedback-per-statement-version.rq"))),
                    "Accept", "application/sparql-results+json")).at("/results/bindings");
            int accepted2015 = 0, overridden2015 = 0;
            for (JsonNode b : rows) {
                if (!b.at("/statement/value").asText().equals(SURGERY_2015) || !b.at("/version/value").asText().equals(V2015)) continue;
                if (b.at("/outcome/value").asText().equals("accepted")) accepted2015 += b.at("/n/value").asInt();
                if (b.at("/outcome/value").asText().equals("overridden")) overridden2015 += b.at("/n/value").asInt();
            }
            assertEquals(2, accepted2015, rows.toString());
            assertEquals(1, overridden2015, rows.toString());
        }
    }

    @Test void bad_feedback_is_a_400_and_writes_nothing() {
        try (TestServer server = TestServer.start(OPEN)) {
            Http http = server.http();
            JsonNode pv = CdsLib.assertCdsResponse(http.post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json",
                    CdsLib.read(CdsLib.DIR.resolve("scenarios/2015-symptomatic-resectable/request.json"))));
            String good = cardFor(pv, SURGERY_2015).path("uuid").asText();
            String url = "/cds-services/" + CdsLib.PATIENT_VIEW + "/feedback";

            // one good item and one unknown card: nothing is stored
            JsonNode p = CdsLib.assertProblem(http.post(url, "application/json",
                    body(item(good, "accepted"), item("0b8a7c2e-1111-4222-8333-444455556666", "accepted"))), 400);
            assertTrue(p.path("detail").asText().contains("feedback[1].card"), p.toString());
            // a card of another service
            CdsLib.assertProblem(http.post("/cds-services/" + CdsLib.ORDER_SELECT + "/feedback", "application/json", body(item(good, "accepted"))), 400);
            // a wrong outcome, a missing timestamp, an override reason on an accepted card
            ObjectNode noTime = item(good, "accepted");
            noTime.remove("outcomeTimestamp");
            ObjectNode reasonOnAccepted = item(good, "accepted");
            reasonOnAccepted.putObject("overrideReason").put("userComment", "x");
            p = CdsLib.assertProblem(http.post(url, "application/json", body(item(good, "ignored"), noTime, reasonOnAccepted)), 400);
            String detail = p.path("detail").asText();
            assertTrue(detail.contains("feedback[0].outcome") && detail.contains("feedback[1].outcomeTimestamp")
                    && detail.contains("feedback[2].overrideReason"), detail);
            CdsLib.assertProblem(http.post(url, "application/json", "{\"feedback\": []}"), 400);
            CdsLib.assertProblem(http.post(url, "application/json", "not json"), 400);

            assertEquals(0, Http.json(http.get("/api/feedback/summary")).path("statements").size());
        }
    }

    @Test void without_a_trusted_client_feedback_is_refused_by_default() {
        try (TestServer server = TestServer.start()) {
            Http http = server.http();
            String card = issuedCard(http);
            JsonNode p = CdsLib.assertProblem(http.post("/cds-services/" + CdsLib.PATIENT_VIEW + "/feedback", "application/json",
                    body(item(card, "accepted"))), 401);
            assertTrue(p.path("detail").asText().contains("authenticated CDS client"), p.toString());
            assertEquals(0, Http.json(http.get("/api/feedback/summary")).path("statements").size());
        }
    }

    /** The uuid the server made before card ids were keyed: SHA-256 of service, kind and statement, computable by anyone. */
    private static String unkeyedCard(String service, String kind, String statement) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest((service + "\n" + kind + "\n" + statement).getBytes(StandardCharsets.UTF_8));
        long k = 0;
        for (int i = 0; i < 8; i++) k = (k << 8) | (h[i] & 0xFF);
        long msb = (UUID.randomUUID().getMostSignificantBits() & ~0xF000L) | 0x8000L;
        return new UUID(msb, (k & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE).toString();
    }

    @Test void card_ids_cannot_be_made_offline_and_a_card_counts_once() throws Exception {
        try (TestServer server = TestServer.start(OPEN)) {
            Http http = server.http();
            String url = "/cds-services/" + CdsLib.PATIENT_VIEW + "/feedback";
            String forged = unkeyedCard(CdsLib.PATIENT_VIEW, "recommendation", SURGERY_2015);
            JsonNode p = CdsLib.assertProblem(http.post(url, "application/json", body(item(forged, "overridden"))), 400);
            assertTrue(p.path("detail").asText().contains("feedback[0].card"), p.toString());

            String card = issuedCard(http);
            HttpResponse<String> r = http.post(url, "application/json", body(item(card, "overridden"), item(card, "overridden"), item("urn:uuid:" + card.toUpperCase(), "overridden")));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(1, Http.json(r).path("stored").asInt(), r.body());
            assertEquals(2, Http.json(r).path("alreadyRecorded").size(), r.body());
            r = http.post(url, "application/json", body(item(card, "overridden")));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(0, Http.json(r).path("stored").asInt(), "a repeated feedback added again: " + r.body());
            JsonNode rec = row(Http.json(http.get("/api/feedback/summary")), SURGERY_2015, "recommendation");
            assertEquals(1, rec.path("overridden").asInt(), rec.toString());
        }
    }

    @Test void items_per_request_and_comment_length_are_capped() {
        try (TestServer server = TestServer.start(OPEN)) {
            Http http = server.http();
            String url = "/cds-services/" + CdsLib.PATIENT_VIEW + "/feedback";
            String card = issuedCard(http);
            ObjectNode[] many = new ObjectNode[FeedbackStore.MAX_ITEMS + 1];
            for (int i = 0; i < many.length; i++) many[i] = item(card, "accepted");
            JsonNode p = CdsLib.assertProblem(http.post(url, "application/json", body(many)), 400);
            assertTrue(p.path("detail").asText().contains("at most " + FeedbackStore.MAX_ITEMS), p.toString());
            ObjectNode longComment = item(card, "overridden");
            longComment.putObject("overrideReason").put("userComment", "x".repeat(FeedbackStore.MAX_COMMENT + 1));
            p = CdsLib.assertProblem(http.post(url, "application/json", body(longComment)), 400);
            assertTrue(p.path("detail").asText().contains("userComment"), p.toString());
            ObjectNode okComment = item(card, "overridden");
            okComment.putObject("overrideReason").put("userComment", "x".repeat(FeedbackStore.MAX_COMMENT));
            assertEquals(200, http.post(url, "application/json", body(okComment)).statusCode());
        }
    }

    @Test void feedback_nested_deeper_than_64_levels_is_a_400_naming_the_nesting_limit() {
        try (TestServer server = TestServer.start(OPEN)) {
            JsonNode p = CdsLib.assertProblem(server.http().post("/cds-services/" + CdsLib.PATIENT_VIEW + "/feedback", "application/json",
                    TestCdsRequests.nested(65)), 400);
            assertTrue(p.path("detail").asText().contains("nesting limit is 64"), p.toString());
        }
    }

    @Test void the_card_secret_is_created_once_owner_only_and_outlives_a_restart(@TempDir Path dir) throws Exception {
        AppConfig cfg = OPEN.toBuilder().inMemory(false).dataDir(dir.resolve("data")).build();
        String card;
        try (TestServer server = TestServer.start(cfg)) {
            card = issuedCard(server.http());
        }
        Path secret = dir.resolve("data").resolve(CardSecret.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        String first = Files.readString(secret);
        try (TestServer server = TestServer.start(cfg)) {
            HttpResponse<String> r = server.http().post("/cds-services/" + CdsLib.PATIENT_VIEW + "/feedback", "application/json",
                    body(item(card, "accepted")));
            assertEquals(200, r.statusCode(), "a card issued before the restart: " + r.body());
        }
        assertEquals(first, Files.readString(secret), "the secret changed on restart");
    }
}

package org.guidelinekb.cds;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.vocabulary.RDF;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.ChangeSet;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.vocab.GKB;
import org.guidelinekb.vocab.PROV;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CDS Hooks feedback ({@code POST /cds-services/{id}/feedback}), kept in the knowledge base's feedback graph
 * ({@link GKB#feedbackGraph}), one item per node {@code id:feedback/{uuid}}: the card uuid, the service, the card kind,
 * the statement and version the card was about (found from the uuid, see {@link CardIds}), the outcome, the override
 * reason and comment, the accepted suggestions, the client's outcome timestamp and when the server received it.
 * A request's items are validated together and written in one transaction, or not at all. A card's outcome is counted
 * once: an item about a card already stored (or named twice in one request) is answered under {@code alreadyRecorded}
 * and adds nothing. At most {@value #MAX_ITEMS} items per request, comments of at most {@value #MAX_COMMENT}
 * characters, other strings of at most {@value #MAX_TEXT}. The same data is visible to SPARQL at {@code /kb/sparql}
 * (GRAPH &lt;https://w3id.org/gkb/graph/feedback&gt;).
 */
final class FeedbackStore {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Node CARD_FEEDBACK = GKB.term("CardFeedback");
    static final int MAX_ITEMS = 50;
    static final int MAX_COMMENT = 2000;
    static final int MAX_TEXT = 500;
    static final int MAX_SUGGESTIONS = 20;

    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private final CardIds ids;

    /** One valid item: its card (canonical uuid), its quads and what the answer says of it. */
    private record Item(String card, List<Quad> quads, ObjectNode summary) {}

    FeedbackStore(KnowledgeStore store, QueryLibrary queries, CardIds ids) {
        this.store = store;
        this.queries = queries;
        this.ids = ids;
    }

    /** Validates and stores a feedback request; returns what was stored. */
    ObjectNode store(CdsService service, String body, ReasonerIndex ix, Instant now) {
        JsonNode n = CdsJson.parse(body);
        List<FieldError> errors = new ArrayList<>();
        JsonNode items = n.get("feedback");
        if (items == null || !items.isArray() || items.isEmpty()) {
            errors.add(new FieldError("feedback", "is required: a non-empty array of {card, outcome, outcomeTimestamp, ...}", null));
        } else if (items.size() > MAX_ITEMS) {
            errors.add(new FieldError("feedback", "has " + items.size() + " items; at most " + MAX_ITEMS + " per request", null));
        }
        List<Item> valid = new ArrayList<>();
        if (errors.isEmpty()) {
            for (int i = 0; i < items.size(); i++) {
                Checked c = item(service, items.get(i), "feedback[" + i + "].", ix);
                errors.addAll(c.errors());
                if (c.read() != null) valid.add(c.read().toItem(service, now));
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder("invalid feedback: ");
            for (int i = 0; i < errors.size(); i++) sb.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(' ').append(errors.get(i).message());
            throw new InvalidInputException(sb.toString(), errors);
        }
        ArrayNode[] answer = new ArrayNode[2];
        store.write(r -> {
            ChangeSet.Builder changes = ChangeSet.builder();
            ArrayNode stored = F.arrayNode();
            ArrayNode again = F.arrayNode();
            java.util.Set<String> cards = new java.util.HashSet<>();
            for (Item it : valid) {
                if (!cards.add(it.card()) || r.ask(queries.get("internal/cds-feedback-recorded"), Map.of("card", NodeFactory.createLiteralString(it.card())))) {
                    again.add(it.card());
                    continue;
                }
                it.quads().forEach(changes::add);
                stored.add(it.summary());
            }
            answer[0] = stored;
            answer[1] = again;
            return changes.build();
        });
        ObjectNode out = F.objectNode().put("stored", answer[0].size());
        out.set("feedback", answer[0]);
        out.set("alreadyRecorded", answer[1]);
        return out;
    }

    /** One feedback item checked: what it says when it is valid (else null), and what is wrong with it. */
    private record Checked(ReadItem read, List<FieldError> errors) {}

    /** A valid feedback item as read: the card (canonical uuid) and what it resolves to, and the answer's fields. */
    private record ReadItem(String card, CardIds.CardRef ref, String outcome, Instant when, List<String> accepted,
            JsonNode reason) {

        /** The item's quads in the feedback graph and its summary in the answer. */
        Item toItem(CdsService service, Instant now) {
            ChangeSet.Builder changes = ChangeSet.builder();
            Node item = GKB.iri(GKB.ID + "feedback/" + UUID.randomUUID());
            Node g = GKB.feedbackGraph;
            add(changes, g, item, RDF.type.asNode(), CARD_FEEDBACK);
            add(changes, g, item, GKB.term("card"), NodeFactory.createLiteralString(card));
            add(changes, g, item, GKB.term("cdsService"), NodeFactory.createLiteralString(service.id()));
            add(changes, g, item, GKB.term("cardKind"), NodeFactory.createLiteralString(ref.kind()));
            if (ref.statement() != null) add(changes, g, item, GKB.term("feedbackStatement"), GKB.iri(ref.statement()));
            add(changes, g, item, GKB.term("feedbackVersion"), GKB.iri(ref.versionIri()));
            add(changes, g, item, GKB.term("feedbackOutcome"), NodeFactory.createLiteralString(outcome));
            for (String s : accepted) add(changes, g, item, GKB.term("acceptedSuggestion"), NodeFactory.createLiteralString(s));
            if (reason != null && reason.isObject()) {
                JsonNode coding = reason.path("reason");
                literal(changes, g, item, "overrideReasonSystem", coding.path("system"));
                literal(changes, g, item, "overrideReasonCode", coding.path("code"));
                literal(changes, g, item, "overrideReasonDisplay", coding.path("display"));
                literal(changes, g, item, "userComment", reason.path("userComment"));
            }
            add(changes, g, item, GKB.term("outcomeTimestamp"), NodeFactory.createLiteralDT(when.toString(), XSDDatatype.XSDdateTime));
            add(changes, g, item, GKB.iri(PROV.NS + "generatedAtTime"),
                    NodeFactory.createLiteralDT(now.toString(), XSDDatatype.XSDdateTime));
            ObjectNode summary = F.objectNode().put("id", item.getURI()).put("card", card).put("cardKind", ref.kind())
                    .put("statement", ref.statement()).put("guideline", ref.guideline()).put("version", ref.version())
                    .put("outcome", outcome);
            return new Item(card, changes.build().addQuads(), summary);
        }
    }

    /** Reads and checks one item of the request; {@code at} prefixes the field names of its errors. */
    private Checked item(CdsService service, JsonNode f, String at, ReasonerIndex ix) {
        List<FieldError> errors = new ArrayList<>();
        if (!f.isObject()) {
            errors.add(new FieldError(at.substring(0, at.length() - 1), "must be an object", null));
            return new Checked(null, errors);
        }
        String card = text(f, "card", at, errors);
        CardIds.CardRef ref = null;
        if (card != null) {
            ref = ids.resolve(card, service.id(), ix).orElse(null);
            if (ref == null) errors.add(new FieldError(at + "card", "is not a card this service (" + service.id() + ") issued", null));
            else card = CardIds.canonical(card);
        }
        String outcome = text(f, "outcome", at, errors);
        if (outcome != null && !outcome.equals("accepted") && !outcome.equals("overridden")) {
            errors.add(new FieldError(at + "outcome", "must be 'accepted' or 'overridden', not '" + outcome + "'", null));
        }
        Instant when = timestamp(f, at, errors);
        List<String> accepted = acceptedSuggestions(f, at, errors);
        if ("accepted".equals(outcome) && ref != null && ref.kind().equals(CardIds.ORDER_CHECK) && accepted.isEmpty()) {
            errors.add(new FieldError(at + "acceptedSuggestions", "is required for an accepted card with suggestions", null));
        }
        JsonNode reason = f.get("overrideReason");
        checkOverrideReason(reason, outcome, at, errors);
        if (!errors.isEmpty()) return new Checked(null, errors);
        return new Checked(new ReadItem(card, ref, outcome, when, accepted, reason), List.of());
    }

    private static Instant timestamp(JsonNode f, String at, List<FieldError> errors) {
        String ts = text(f, "outcomeTimestamp", at, errors);
        if (ts == null) return null;
        try {
            return OffsetDateTime.parse(ts).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(at + "outcomeTimestamp", "must be an RFC 3339 date-time, e.g. 2026-01-31T12:00:00Z", null));
            return null;
        }
    }

    private static List<String> acceptedSuggestions(JsonNode f, String at, List<FieldError> errors) {
        List<String> accepted = new ArrayList<>();
        JsonNode as = f.get("acceptedSuggestions");
        if (as == null || as.isNull()) return accepted;
        if (!as.isArray()) {
            errors.add(new FieldError(at + "acceptedSuggestions", "must be an array of {\"id\": suggestion uuid}", null));
        } else if (as.size() > MAX_SUGGESTIONS) {
            errors.add(new FieldError(at + "acceptedSuggestions", "has more than " + MAX_SUGGESTIONS + " items", null));
        } else {
            as.forEach(s -> {
                if (s.path("id").isTextual() && s.path("id").asText().length() <= MAX_TEXT) accepted.add(s.path("id").asText());
                else errors.add(new FieldError(at + "acceptedSuggestions", "each item needs an 'id' (the suggestion's uuid)", null));
            });
        }
        return accepted;
    }

    private static void checkOverrideReason(JsonNode reason, String outcome, String at, List<FieldError> errors) {
        if (reason == null || reason.isNull()) return;
        if (!"overridden".equals(outcome)) errors.add(new FieldError(at + "overrideReason", "is only for an overridden outcome", null));
        if (!reason.isObject()) {
            errors.add(new FieldError(at + "overrideReason", "must be {\"reason\": Coding, \"userComment\": string}", null));
            return;
        }
        tooLong(reason.path("userComment"), MAX_COMMENT, at + "overrideReason.userComment", errors);
        for (String c : List.of("system", "code", "display")) {
            tooLong(reason.path("reason").path(c), MAX_TEXT, at + "overrideReason.reason." + c, errors);
        }
    }

    private static void tooLong(JsonNode v, int max, String field, List<FieldError> errors) {
        if (v.isTextual() && v.asText().length() > max) errors.add(new FieldError(field, "is longer than " + max + " characters", null));
    }

    /** Accepted and overridden counts per statement, version and card kind (GET /api/feedback/summary). */
    ObjectNode summary(ReasonerIndex ix) {
        RowSetRewindable rows = store.read(r -> r.select(queries.get("internal/cds-feedback-summary"), Map.of()));
        ArrayNode out = F.arrayNode();
        for (Iterator<Binding> it = rows; it.hasNext(); ) {
            Binding b = it.next();
            String version = str(b, "version");
            ObjectNode o = out.addObject();
            o.put("statement", str(b, "statement"));
            var info = ix.catalog().byIri(version);
            o.put("guideline", info.map(v -> v.guidelineId()).orElse(null));
            o.put("version", info.map(v -> v.label()).orElse(null));
            o.put("versionIri", version);
            o.put("cardKind", str(b, "kind"));
            o.put("accepted", Long.parseLong(str(b, "accepted")));
            o.put("overridden", Long.parseLong(str(b, "overridden")));
        }
        return F.objectNode().set("statements", out);
    }

    private static String str(Binding b, String var) {
        Node n = b.get(var);
        if (n == null) return null;
        return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }

    private static void literal(ChangeSet.Builder c, Node g, Node s, String p, JsonNode v) {
        if (v != null && v.isTextual() && !v.asText().isBlank()) add(c, g, s, GKB.term(p), NodeFactory.createLiteralString(v.asText()));
    }

    private static void add(ChangeSet.Builder c, Node g, Node s, Node p, Node o) {
        c.add(Quad.create(g, s, p, o));
    }

    private static String text(JsonNode n, String field, String at, List<FieldError> errors) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            errors.add(new FieldError(at + field, "is required", null));
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            errors.add(new FieldError(at + field, "must be a non-empty string", null));
            return null;
        }
        return v.asText();
    }
}

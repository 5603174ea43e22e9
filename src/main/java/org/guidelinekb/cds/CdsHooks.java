package org.guidelinekb.cds;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.error.PreconditionFailedException;
import org.guidelinekb.reasoner.CaseAttribute;
import org.guidelinekb.reasoner.Reasoner;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.guidelinekb.reasoner.Status;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;

/**
 * The CDS Hooks 2.0 service (docs/cds-hooks.md): discovery, service calls and feedback, without any transport.
 * A call reads FHIR R4 (prefetch, or the client's FHIR server), maps it to case attributes with the declarative
 * {@link FhirMapping}, evaluates the chosen guideline versions with the reasoner in process, and answers with cards
 * that carry guideline, version, statement and evidence. A call writes nothing; feedback is written to the feedback
 * graph.
 *
 * <pre>
 * CdsHooks cds = new CdsHooks(kb.reasoner(), kb.store(), kb.queries(), Clock.systemUTC(), config.cdsJwt(), CardSecret.load(dataDir));
 * ObjectNode cards = cds.call("gkb-metastatic-breast-cancer", requestJson, "https://kb.example.org");
 * </pre>
 */
public final class CdsHooks {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Reasoner reasoner;
    private final CdsServiceCatalog services;
    private final FhirCaseMapper mapper;
    /** HAPI's FHIR R4 context is built on the first CDS call, not at start-up (it takes a second or more). */
    private final Supplier<FhirContext> fhir = new Supplier<>() {
        private volatile FhirContext context;

        @Override
        public FhirContext get() {
            FhirContext c = context;
            if (c == null) {
                synchronized (this) {
                    if (context == null) context = FhirContext.forR4Cached();
                    c = context;
                }
            }
            return c;
        }
    };
    private final PrefetchReader prefetch;
    private final FeedbackStore feedback;
    private final KeyFindings keyFindings;
    private final CardIds ids;
    private final Clock clock;

    /** {@code cardSecret}: keys the card uuids ({@link CardSecret}); {@code trust}: which FHIR servers may be fetched from. */
    public CdsHooks(Reasoner reasoner, KnowledgeStore store, QueryLibrary queries, Clock clock, CdsJwtSettings trust, byte[] cardSecret) {
        this.reasoner = Objects.requireNonNull(reasoner);
        this.clock = Objects.requireNonNull(clock);
        this.services = CdsServiceCatalog.load();
        this.mapper = new FhirCaseMapper(FhirMapping.load());
        this.prefetch = new PrefetchReader(fhir, new FhirFetcher(Duration.ofSeconds(10)), new FhirServerPolicy(trust.fhirAllow()));
        this.ids = new CardIds(cardSecret);
        this.feedback = new FeedbackStore(store, queries, ids);
        this.keyFindings = new KeyFindings(store, queries);
        checkMapping(reasoner.index());
    }

    /** The mapping's attributes and values must exist in the case-attribute catalogue: a mismatch stops start-up. */
    private void checkMapping(ReasonerIndex ix) {
        for (AttributeRule r : mapper.mapping().attributes()) {
            CaseAttribute a = ix.attributes().byName(r.attribute());
            if (a == null) throw new IllegalStateException(FhirMapping.RESOURCE + ": '" + r.attribute() + "' is not a case attribute");
            for (Evidence e : r.evidence()) {
                for (JsonNode v : e.possibleValues()) {
                    boolean ok = switch (a.type()) {
                        case BOOLEAN -> v.isBoolean();
                        case INTEGER -> v.isInt();
                        case CONCEPT, CONCEPT_LIST -> v.isTextual() && a.values().contains(v.asText());
                    };
                    if (!ok) throw new IllegalStateException(FhirMapping.RESOURCE + ": " + v + " is not a value of " + a.name());
                }
            }
        }
    }

    public CdsServiceCatalog services() {
        return services;
    }

    /** {@code GET /cds-services}. */
    public ObjectNode discovery() {
        ObjectNode root = F.objectNode();
        ArrayNode arr = root.putArray("services");
        for (CdsService s : services.all()) {
            ObjectNode o = arr.addObject();
            o.put("hook", s.hook());
            if (s.title() != null) o.put("title", s.title());
            o.put("description", s.description());
            o.put("id", s.id());
            ObjectNode p = o.putObject("prefetch");
            s.prefetch().forEach(p::put);
            o.put("usageRequirements", "FHIR R4. Guideline versions: the request extension '" + CdsRequest.VERSIONS_EXTENSION
                    + "' {\"guideline\", \"version\"} or {\"asOf\": \"YYYY-MM-DD\"} chooses them; by default " + (s.versions().equals("active")
                    ? "the current active version of every guideline."
                    : "the current active versions, plus statements on the ordered procedure that the active version does not cover, "
                            + "from the newest published version that has them (marked as such)."));
            ObjectNode ext = o.putObject("extension").putObject("org.guidelinekb.service");
            ext.put("versions", s.versions());
            ext.put("versionsExtension", CdsRequest.VERSIONS_EXTENSION);
            ext.put("fhirVersion", "4.0.1");
        }
        return root;
    }

    /** {@code POST /cds-services/{id}}: the cards for one call. {@code baseUrl} makes the links absolute. */
    public ObjectNode call(String serviceId, String body, String baseUrl) {
        CdsService service = services.require(serviceId);
        CdsRequest req = CdsRequest.parse(body, service);
        ReasonerIndex ix = reasoner.index();
        FhirData data = prefetch.read(service, req);
        MappedCase mc = mapper.map(data, ix.attributes(), LocalDate.now(clock));
        SelectedOrders orders = service.orderSelect() ? SelectedOrders.read(req.context(), fhir.get(), mapper.mapping()) : null;

        ObjectNode response = F.objectNode();
        ArrayNode cards = response.putArray("cards");
        ObjectNode info = F.objectNode();
        response.putObject("extension").set("org.guidelinekb.evaluation", info);
        describeInput(info, mc, data, orders);
        if (Boolean.FALSE.equals(mc.inScope())) return note(response, info, "no cards: " + mc.scopeNote());
        if (orders != null && orders.actions().isEmpty()) {
            return note(response, info, "no cards: no selected draft order is a breast surgery the mapping knows");
        }
        requireObtained(data);

        List<VersionPolicy.Selection> selections = chooseVersions(ix, service, req, orders);
        describeSelections(info, selections);
        List<StatementVerdict> verdicts = evaluate(ix, selections, mc, orders);
        Boolean inPopulation = inPopulation(service, mc);
        if (Boolean.FALSE.equals(inPopulation)) {
            return note(response, info, "no cards: the order check is for patients with " + service.population().attribute() + " = "
                    + service.population().equals() + "; this record says " + mc.values().get(service.population().attribute()));
        }
        CardBuilder builder = new CardBuilder(ix, ids, keyFindings, baseUrl, service.id());
        render(cards, builder, ix, mc, verdicts, orders, inPopulation);
        if (orders != null && inPopulation == null) {
            info.put("note", "the order was not checked against statements the patient fails, because " + service.population().attribute()
                    + " is unknown; the missing-data cards say what would decide it");
        }
        return response;
    }

    /** What the call read: the mapped case, where each kind of FHIR data came from, the selected orders. */
    private static void describeInput(ObjectNode info, MappedCase mc, FhirData data, SelectedOrders orders) {
        info.set("case", mc.describe());
        ObjectNode sources = info.putObject("data");
        data.sources().forEach((type, s) -> sources.put(type,
                s.available() ? s.resources().size() + " resource(s) from " + s.from() : "unavailable: " + s.unavailable()));
        if (orders != null) {
            ArrayNode os = info.putArray("orders");
            orders.orders().forEach(o -> os.addObject().put("reference", o.reference()).put("code", o.description()).put("action", o.action()));
        }
    }

    /** The guideline versions to evaluate against; an unknown version asked for in the request is a 400 on its field. */
    private static List<VersionPolicy.Selection> chooseVersions(ReasonerIndex ix, CdsService service, CdsRequest req,
            SelectedOrders orders) {
        try {
            return VersionPolicy.select(ix, service, req.versions(), orders == null ? Set.of() : orders.actions());
        } catch (NotFoundException e) {
            throw new InvalidInputException("extension." + CdsRequest.VERSIONS_EXTENSION + ": " + e.getMessage(),
                    List.of(new InvalidInputException.FieldError("extension." + CdsRequest.VERSIONS_EXTENSION, e.getMessage(), null)));
        }
    }

    private static void describeSelections(ObjectNode info, List<VersionPolicy.Selection> selections) {
        ArrayNode against = info.putArray("evaluatedAgainst");
        for (VersionPolicy.Selection s : selections) {
            against.addObject().put("guideline", s.version().guidelineId()).put("version", s.version().label())
                    .put("status", s.version().status()).put("selectedBy", s.selectedBy())
                    .put("statements", s.onlyStatements() == null ? "all" : String.join(" ", s.onlyStatements()));
        }
    }

    /** The verdicts of the selected statements; with orders, only the statements on the ordered procedures. */
    private static List<StatementVerdict> evaluate(ReasonerIndex ix, List<VersionPolicy.Selection> selections, MappedCase mc,
            SelectedOrders orders) {
        List<StatementVerdict> verdicts = CaseEvaluator.evaluate(ix, selections, mc);
        if (orders == null) return verdicts;
        return verdicts.stream().filter(v -> VersionPolicy.relevant(ix, v.statement(), orders.actions())).toList();
    }

    /** Whether the patient is in the service's population: null when the service has none or the record does not say. */
    private static Boolean inPopulation(CdsService service, MappedCase mc) {
        if (service.population() == null) return null;
        JsonNode v = mc.values().get(service.population().attribute());
        return v == null || !v.isBoolean() ? null : v.booleanValue() == service.population().equals();
    }

    /** The cards: order-check warnings first, then recommendations, then one missing-data card per version. */
    private void render(ArrayNode cards, CardBuilder builder, ReasonerIndex ix, MappedCase mc, List<StatementVerdict> verdicts,
            SelectedOrders orders, Boolean inPopulation) {
        List<ObjectNode> warnings = new ArrayList<>();
        List<ObjectNode> recs = new ArrayList<>();
        Map<String, List<StatementVerdict>> undecided = new LinkedHashMap<>();
        Map<String, VersionInfo> versionOf = new LinkedHashMap<>();
        for (StatementVerdict v : verdicts) {
            if (v.status() == Status.APPLICABLE) {
                recs.add(builder.recommendation(v));
            } else if (v.status() == Status.UNDETERMINED) {
                undecided.computeIfAbsent(v.version().iri(), k -> new ArrayList<>()).add(v);
                versionOf.put(v.version().iri(), v.version());
            } else if (orders != null && Boolean.TRUE.equals(inPopulation)) {
                SelectedOrders.Order order = orders.orders().stream().filter(o -> o.action() != null
                        && VersionPolicy.relevant(ix, v.statement(), Set.of(o.action()))).findFirst().orElseThrow();
                warnings.add(builder.orderCheck(v, order));
            }
        }
        warnings.forEach(cards::add);
        recs.forEach(cards::add);
        undecided.forEach((iri, vs) -> cards.add(builder.missingData(versionOf.get(iri), vs, mc, mapper.mapping())));
    }

    /**
     * 412 when data the service needs was neither prefetched nor fetchable (CDS Hooks 2.0.1: "the service SHALL respond
     * with an HTTP 412"). Data the client sent as an OperationOutcome or null is incomplete, not missing: a card says
     * what it would decide.
     */
    private static void requireObtained(FhirData data) {
        List<String> missing = new ArrayList<>();
        data.sources().values().stream().filter(FhirData.Source::notObtained)
                .sorted(Comparator.comparing(FhirData.Source::key)).forEach(s -> missing.add(s.unavailable()));
        if (!missing.isEmpty()) {
            throw new PreconditionFailedException("the service cannot obtain the FHIR data it needs: " + String.join("; ", missing)
                    + ". Send these prefetch keys (a null value when there is no data), or fhirServer with fhirAuthorization for a FHIR server "
                    + "this service is allowed to fetch from.");
        }
    }

    private static ObjectNode note(ObjectNode response, ObjectNode info, String note) {
        info.put("note", note);
        return response;
    }

    /** {@code POST /cds-services/{id}/feedback}. */
    public ObjectNode feedback(String serviceId, String body) {
        CdsService service = services.require(serviceId);
        return feedback.store(service, body, reasoner.index(), clock.instant());
    }

    /** {@code GET /api/feedback/summary}. */
    public ObjectNode feedbackSummary() {
        return feedback.summary(reasoner.index());
    }
}

package org.guidelinekb.cds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionStatusLine;
import org.guidelinekb.reasoner.CompiledStatement;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.guidelinekb.vocab.GKB;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds CDS Hooks 2.0 cards from statement verdicts. Every card has a uuid (see {@link CardIds}), a summary under
 * 140 characters, markdown detail, an indicator, a source naming guideline and version with the version's page as
 * url (CDS Hooks: the source's url is about the knowledge source, not a drill-down), absolute links to the statement
 * and its evidence (the drill-downs), and an extension with guideline id, version, statement IRI,
 * status and the reasoner's criteria explanation.
 */
final class CardBuilder {
    static final String STATEMENT_EXTENSION = "org.guidelinekb.statement";
    static final String MISSING_EXTENSION = "org.guidelinekb.missing-data";
    static final String OVERRIDE_SYSTEM = "https://w3id.org/gkb/code/cds-override-reason";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ReasonerIndex ix;
    private final CardIds ids;
    private final CardText text;
    private final String base;
    private final String service;
    private final KeyFindings keyFindings;

    CardBuilder(ReasonerIndex ix, CardIds ids, KeyFindings keyFindings, String baseUrl, String service) {
        this.ix = ix;
        this.keyFindings = keyFindings;
        this.ids = ids;
        this.text = new CardText(ix.attributes());
        this.base = baseUrl;
        this.service = service;
    }

    ObjectNode recommendation(StatementVerdict v) {
        ObjectNode card = card(CardIds.RECOMMENDATION, v.statement().iri(), text.recommendationSummary(v), "info",
                text.statementDetail(v, statusLine(v.version()), null, keyFindings(v)), v.version(), v.statement());
        card.set("extension", F.objectNode().set(STATEMENT_EXTENSION, statementExtension(v, CardIds.RECOMMENDATION)));
        return card;
    }

    /** A warning: the ordered surgery does not meet the statement's conditions. */
    ObjectNode orderCheck(StatementVerdict v, SelectedOrders.Order order) {
        String warning = "the selected order " + order.reference() + " (" + order.description() + ") is " + text.label("action", order.action())
                + ", but this patient does not meet the conditions of this statement (criteria not met are marked below).";
        ObjectNode card = card(CardIds.ORDER_CHECK, v.statement().iri(), text.orderCheckSummary(v, order.action()), "warning",
                text.statementDetail(v, statusLine(v.version()), warning, keyFindings(v)), v.version(), v.statement());
        ArrayNode suggestions = card.putArray("suggestions");
        ObjectNode s = suggestions.addObject();
        s.put("label", "Remove the draft order " + order.reference());
        s.put("uuid", ids.random());
        s.putArray("actions").addObject().put("type", "delete").put("description", "Remove the selected draft order " + order.reference())
                .put("resourceId", order.reference());
        card.put("selectionBehavior", "at-most-one");
        ArrayNode reasons = card.putArray("overrideReasons");
        reasons.addObject().put("system", OVERRIDE_SYSTEM).put("code", "clinical-judgement")
                .put("display", "Clinical judgement: the statement admits exceptions for this patient");
        reasons.addObject().put("system", OVERRIDE_SYSTEM).put("code", "record-incomplete")
                .put("display", "The record used for the check is incomplete or out of date");
        reasons.addObject().put("system", OVERRIDE_SYSTEM).put("code", "patient-decision")
                .put("display", "Decided with the patient after discussing the options");
        ObjectNode ext = statementExtension(v, CardIds.ORDER_CHECK);
        ext.put("order", order.reference());
        card.set("extension", F.objectNode().set(STATEMENT_EXTENSION, ext));
        return card;
    }

    /** One card per version saying which data would decide the recommendations it cannot decide. */
    ObjectNode missingData(VersionInfo version, List<StatementVerdict> undecided, MappedCase mc, FhirMapping mapping) {
        Set<String> attrs = CaseEvaluator.missingAttributes(undecided);
        List<String> judgements = new ArrayList<>();
        for (StatementVerdict v : undecided) {
            for (String m : v.missing()) {
                if (m.contains(":") && !judgements.contains(m.substring(m.indexOf(':') + 1).strip())) judgements.add(m.substring(m.indexOf(':') + 1).strip());
            }
        }
        Map<String, String> why = new LinkedHashMap<>();
        Map<String, String> how = new LinkedHashMap<>();
        for (String a : attrs) {
            why.put(a, mc.notes().getOrDefault(a, "unknown"));
            how.put(a, howToGive(a, mapping));
        }
        ObjectNode card = card(CardIds.MISSING_DATA, version.iri(), text.missingSummary(version, undecided.size(), attrs, !judgements.isEmpty()),
                "info", text.missingDetail(version, statusLine(version), undecided, why, how, judgements), version, null);
        ArrayNode links = card.withArray("links");
        for (StatementVerdict v : undecided) link(links, "Statement: " + CardText.recommendationLabel(v.statement()), v.statement().iri());
        ObjectNode ext = F.objectNode();
        ext.put("cardKind", CardIds.MISSING_DATA);
        versionFields(ext, version);
        ArrayNode sts = ext.putArray("statements");
        for (StatementVerdict v : undecided) {
            ObjectNode o = sts.addObject().put("statement", v.statement().iri()).put("status", v.status().word());
            ArrayNode m = o.putArray("missing");
            v.missing().forEach(m::add);
            o.set("explanation", v.explanation());
        }
        ObjectNode a = ext.putObject("attributes");
        why.forEach(a::put);
        card.set("extension", F.objectNode().set(MISSING_EXTENSION, ext));
        return card;
    }

    private ObjectNode card(String kind, String subject, String summary, String indicator, String detail, VersionInfo version,
                            CompiledStatement statement) {
        ObjectNode card = F.objectNode();
        card.put("uuid", ids.issue(service, kind, subject));
        card.put("summary", summary);
        card.put("detail", detail);
        card.put("indicator", indicator);
        ObjectNode source = card.putObject("source");
        source.put("label", title(version) + " " + version.label() + (version.status().equals("active") ? "" : " (" + version.status() + ")"));
        String page = page(version.iri());
        if (page != null) source.put("url", page);
        ArrayNode links = card.putArray("links");
        if (statement != null) {
            link(links, "Statement: " + CardText.recommendationLabel(statement) + " (" + CardText.tag(version) + ")", statement.iri());
            for (CompiledStatement.Evidence e : statement.evidence()) link(links, "Evidence: " + (e.label() != null ? e.label() : e.id()), e.id());
        }
        return card;
    }

    private List<String> keyFindings(StatementVerdict v) {
        return keyFindings.of(ix, v.version().iri()).getOrDefault(v.statement().iri(), List.of());
    }

    private ObjectNode statementExtension(StatementVerdict v, String kind) {
        ObjectNode ext = F.objectNode();
        ext.put("cardKind", kind);
        versionFields(ext, v.version());
        ext.put("statement", v.statement().iri());
        ext.put("recommendation", v.statement().recommendation());
        ext.put("status", v.status().word());
        ext.put("selectedBy", v.selectedBy());
        ext.put("fromNonActiveVersion", v.fallback());
        if (v.openNote() != null) ext.put("openLists", v.openNote());
        ext.set("explanation", v.explanation());
        return ext;
    }

    private void versionFields(ObjectNode ext, VersionInfo version) {
        ext.put("guideline", version.guidelineId());
        ext.put("guidelineTitle", title(version));
        ext.put("version", version.label());
        ext.put("versionIri", version.iri());
        ext.put("versionStatus", version.status());
    }

    private void link(ArrayNode links, String label, String iri) {
        String url = page(iri);
        if (url == null) return;
        Set<String> seen = new LinkedHashSet<>();
        links.forEach(l -> seen.add(l.path("url").asText()));
        if (seen.contains(url)) return;
        links.addObject().put("label", CardText.fit("", label, "")).put("url", url).put("type", "absolute");
    }

    /** The page of an IRI on this server: {@code /id/...} for IRIs under {@code https://w3id.org/gkb/id/}. */
    String page(String iri) {
        return iri != null && iri.startsWith(GKB.ID) ? base + "/id/" + iri.substring(GKB.ID.length()) : null;
    }

    /** "NCCN Guidelines: Breast Cancer, version 2015 — retired, superseded in this knowledge base by version 6.2026". */
    private String statusLine(VersionInfo v) {
        return ix.catalog().find(v.guidelineId()).map(g -> VersionStatusLine.of(g, v)).orElse(title(v) + ", version " + v.label());
    }

    private String title(VersionInfo v) {
        return ix.catalog().find(v.guidelineId()).map(g -> g.title() != null ? g.title() : g.id()).orElse(v.guidelineId());
    }

    /** How a client can give an attribute: the FHIR data the mapping reads, or an assessment Observation. */
    static String howToGive(String attribute, FhirMapping mapping) {
        List<String> ways = new ArrayList<>();
        AttributeRule rule = mapping.rule(attribute);
        if (rule != null) {
            for (Evidence e : rule.evidence()) {
                if (e.birthDate()) ways.add("Patient.birthDate (full date)");
                else ways.add("a " + e.resource() + " coded in '" + e.codes().name() + "'"
                        + (e.requires() == null ? "" : " (with a '" + e.requires().name() + "' Condition)"));
            }
        }
        ways.add("an Observation with code " + mapping.assessment().system() + "|" + attribute);
        return String.join(", or ", ways);
    }
}

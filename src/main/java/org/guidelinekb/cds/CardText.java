package org.guidelinekb.cds;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.reasoner.CaseAttribute;
import org.guidelinekb.reasoner.CaseAttributes;
import org.guidelinekb.reasoner.CompiledStatement;
import org.guidelinekb.reasoner.Concepts;
import org.guidelinekb.vocab.GKB;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The words of a card: a summary under 140 characters and a GitHub-flavoured markdown detail. Every statement text,
 * category and evidence number is the knowledge base's own (through the reasoner's compiled statement); nothing
 * clinical is written here.
 */
final class CardText {
    static final int SUMMARY_MAX = 139;

    private final Concepts concepts;
    private final CaseAttributes attributes;

    CardText(CaseAttributes attributes) {
        this.attributes = attributes;
        this.concepts = attributes.concepts();
    }

    String label(String scheme, String notation) {
        if (notation == null) return null;
        int i = concepts.index(GKB.CODE + scheme + "/", notation);
        return i >= 0 && concepts.label(i) != null ? concepts.label(i) : notation;
    }

    /** "Consider: <recommendation> (nccn-breast 2015)", shortened to fit. */
    String recommendationSummary(StatementVerdict v) {
        String lead = label("modality", v.statement().modality());
        return fit((lead == null ? "" : lead + ": "), recommendationLabel(v.statement()), " (" + tag(v.version()) + ")");
    }

    String orderCheckSummary(StatementVerdict v, String orderedAction) {
        return fit("Ordered " + lower(label("action", orderedAction)) + " does not meet the conditions of: ",
                recommendationLabel(v.statement()), " (" + tag(v.version()) + ")");
    }

    String missingSummary(VersionInfo version, int undecided, Set<String> missing, boolean judgementOnly) {
        String head = tag(version) + ": " + undecided + (undecided == 1 ? " recommendation" : " recommendations") + " undecided; ";
        String tail = missing.isEmpty() ? (judgementOnly ? "needs clinician judgement" : "see detail")
                : "missing " + String.join(", ", missing.stream().map(a -> lowerLabel(attributeLabel(a))).toList());
        return fit(head, tail, "");
    }

    static String tag(VersionInfo v) {
        return v.guidelineId() + " " + v.label() + (v.status().equals("active") ? "" : " [" + v.status() + "]");
    }

    static String recommendationLabel(CompiledStatement s) {
        return s.recommendationLabel() != null ? s.recommendationLabel() : s.text();
    }

    /** prefix + middle + suffix, the middle shortened at a word boundary (with "…") so the whole is under 140 chars. */
    static String fit(String prefix, String middle, String suffix) {
        String whole = prefix + middle + suffix;
        if (whole.length() <= SUMMARY_MAX) return whole;
        int room = SUMMARY_MAX - prefix.length() - suffix.length() - 1;
        if (room < 10) return whole.substring(0, SUMMARY_MAX - 1) + "…";
        String cut = middle.substring(0, room);
        int sp = cut.lastIndexOf(' ');
        if (sp > room / 2) cut = cut.substring(0, sp);
        return prefix + cut.stripTrailing() + "…" + suffix;
    }

    /** The markdown detail of a recommendation or order-check card. */
    String statementDetail(StatementVerdict v, String statusLine, String warning, List<String> keyFindings) {
        CompiledStatement s = v.statement();
        StringBuilder md = new StringBuilder();
        md.append("**").append(statusLine).append("** (evaluated: ").append(v.selectedBy()).append(")\n\n");
        if (warning != null) md.append("**Warning:** ").append(warning).append("\n\n");
        md.append("**Statement:** ").append(s.text()).append("\n\n");
        if (s.quote() != null) md.append("> ").append(s.quote().replace("\n", "\n> ")).append("\n\n");
        md.append("**Category:** ").append(category(s)).append("  \n");
        md.append("**Action:** ").append(label("action", s.action())).append(" · **Modality:** ").append(modality(s.modality()))
          .append(" · **Applicability for this patient:** ").append(v.status().word()).append("\n\n");
        JsonNode plain = v.explanation().path("plain"); // the same sentences as the API and the /evaluate page
        md.append("**").append(plain.path("headline").asText()).append("**\n\n");
        list(md, "Why:", plain.path("because"));
        list(md, "Missing to decide (\"one of\" lines are alternatives):", plain.path("missing"));
        if (v.openNote() != null) md.append("*").append(v.openNote()).append(".*\n\n");
        if (!s.evidence().isEmpty()) {
            md.append("**Evidence** (as recorded in the knowledge base):\n");
            for (CompiledStatement.Evidence e : s.evidence()) {
                md.append("- ").append(e.label() != null ? e.label() : e.id());
                if (e.finding() != null) md.append(": ").append(e.finding());
                if (e.verificationStatus() != null) md.append(" (").append(e.verificationStatus()).append(')');
                md.append('\n');
            }
            md.append('\n');
            if (!keyFindings.isEmpty()) {
                md.append("**Key results of the cited studies** (primary endpoint, whole population, as stored):\n");
                keyFindings.forEach(f -> md.append("- ").append(f).append('\n'));
                md.append('\n');
            }
        } else {
            md.append("**Evidence:** none linked to this statement in the knowledge base.\n\n");
        }
        if (s.source() != null) {
            md.append("**Source:** ").append(s.source().locator() == null ? "" : s.source().locator());
            if (s.source().title() != null) md.append(" — ").append(s.source().title());
            if (s.source().verificationStatus() != null) md.append(" (source ").append(s.source().verificationStatus()).append(')');
            md.append('\n');
        }
        return md.toString().stripTrailing();
    }

    /** The category as the statement states it: NCCN category (and whether stated or by the default rule), or GRADE. */
    String category(CompiledStatement s) {
        if (s.category() != null) {
            String basis = "default".equals(s.categoryBasis()) ? " (by the source's default rule; not stated for this statement)"
                    : "stated".equals(s.categoryBasis()) ? " (stated)" : "";
            return label("nccn-category", s.category()) + basis;
        }
        if (s.strength() != null || s.certainty() != null) {
            return "strength " + (s.strength() == null ? "not stated" : s.strength()) + ", certainty " + (s.certainty() == null ? "not stated" : s.certainty());
        }
        return "none stated by the source";
    }

    /** The markdown detail of a missing-data card. */
    String missingDetail(VersionInfo version, String statusLine, List<StatementVerdict> undecided, Map<String, String> why,
                         Map<String, String> how, List<String> judgements) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(statusLine).append("**\n\nThese recommendations cannot be decided from the record.\n\n");
        for (StatementVerdict v : undecided) {
            md.append("- ").append(recommendationLabel(v.statement())).append('\n');
        }
        md.append('\n');
        if (!why.isEmpty()) {
            md.append("**Data that would decide them:**\n");
            why.forEach((attr, note) -> md.append("- ").append(attributeLabel(attr)).append(" (`").append(attr).append("`): ").append(note)
                    .append(how.containsKey(attr) ? " — to give it: " + how.get(attr) : "").append('\n'));
            md.append('\n');
        }
        if (!judgements.isEmpty()) {
            md.append("**Needs clinician judgement** (the source gives no rule that decides it):\n");
            judgements.forEach(j -> md.append("- ").append(j).append('\n'));
        }
        return md.toString().stripTrailing();
    }

    /** An attribute by its label, for the clinician; its case name follows in code font for the integrator. */
    private String attributeLabel(String name) {
        CaseAttribute a = attributes.byName(name);
        return a != null && a.label() != null ? a.label() : name;
    }

    /** A label inside a sentence: first letter lower-cased unless the first word is an acronym (HER2, ECOG). */
    private static String lowerLabel(String s) {
        return s.length() > 1 && Character.isLowerCase(s.charAt(1)) ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }

    private static void list(StringBuilder md, String title, JsonNode sentences) {
        if (sentences.isEmpty()) return;
        md.append("**").append(title).append("**\n");
        sentences.forEach(x -> md.append("- ").append(x.asText()).append('\n'));
        md.append('\n');
    }

    /** The modality's label; "informative" with what it means (ontology: informative statements are not recommendations). */
    String modality(String notation) {
        String l = label("modality", notation);
        return "informative".equals(notation) ? l + " (the source states a fact or context; not a recommendation for or against)" : l;
    }

    private static String lower(String s) {
        return s == null || s.isEmpty() ? "procedure" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

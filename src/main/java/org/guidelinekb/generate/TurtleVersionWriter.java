package org.guidelinekb.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one generated version as Turtle in the layout of the shipped files: the guideline, the version with its
 * coverage, provenance and source document, the sections, the recommendations, then each statement with its source
 * locator and criteria. IRIs follow the model contract (relative to {@code @base <https://w3id.org/gkb/id/>}).
 */
final class TurtleVersionWriter {
    private final GeneratorSettings settings;

    TurtleVersionWriter(GeneratorSettings settings) {
        this.settings = settings;
    }

    void write(GenVersion v, Writer w) throws IOException {
        String g = "guideline/" + v.guideline();
        String ver = g + "/version/" + v.label();
        String source = "source/synthetic-" + v.guideline();
        String activity = "activity/generate-" + v.guideline() + "-" + v.label();
        w.write("# Synthetic content made by `gkb generate --guidelines " + settings.guidelines() + " --versions " + settings.versions()
                + " --recommendations " + settings.recommendations() + " --change-rate " + settings.changeRate() + " --seed "
                + settings.seed() + "`.\n# For benchmarks and tests only: NOT clinical guidance.\n\n");
        w.write("@base <https://w3id.org/gkb/id/> .\n");
        prefix(w, "gkb", "https://w3id.org/gkb/ontology#");
        prefix(w, "rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        prefix(w, "xsd", "http://www.w3.org/2001/XMLSchema#");
        prefix(w, "dct", "http://purl.org/dc/terms/");
        prefix(w, "prov", "http://www.w3.org/ns/prov#");
        prefix(w, "pav", "http://purl.org/pav/");
        for (Map.Entry<String, String> p : new TreeMap<>(CodeLists.PREFIXES).entrySet()) {
            prefix(w, p.getValue(), CodeLists.CODE + p.getKey() + "/");
        }
        w.write("\n<" + g + "> a gkb:Guideline ;\n    dct:identifier " + lit(v.guideline()) + " ;\n    dct:title "
                + lit("Synthetic guideline " + v.guideline()) + " ;\n    dct:publisher \"guideline-kb generator\" ;\n    rdfs:label "
                + lit("Synthetic " + v.guideline()) + " .\n\n");
        List<String> coverage = new ArrayList<>();
        for (String s : v.sections()) coverage.add("<" + ver + "/coverage/" + s + ">");
        w.write("<" + ver + "> a gkb:GuidelineVersion ;\n    gkb:ofGuideline <" + g + "> ;\n    rdfs:label "
                + lit("Synthetic " + v.guideline() + " " + v.label()) + " ;\n    pav:version " + lit(v.label()) + " ;\n"
                + "    gkb:lifecycleStatus status:" + v.status() + " ;\n    gkb:effectiveFrom \"" + v.effectiveFrom() + "\"^^xsd:date ;\n");
        if (v.previous() != null) {
            String prev = "<" + g + "/version/" + v.previous() + ">";
            w.write("    gkb:previousEncodedVersion " + prev + " ;\n");
        }
        w.write("    dct:publisher \"guideline-kb generator\" ;\n    gkb:categoryDefault nccncat:2A ;\n    gkb:coverage "
                + String.join(" , ", coverage) + " ;\n    prov:wasDerivedFrom <" + source + "> ;\n    prov:wasGeneratedBy <" + activity + "> .\n\n");
        w.write("<" + activity + "> a prov:Activity ;\n    rdfs:label " + lit("Generation of synthetic " + v.guideline() + " " + v.label())
                + " ;\n    prov:used <" + source + "> .\n\n");
        w.write("<" + source + "> a gkb:SourceDocument ;\n    dct:title " + lit("Synthetic source of " + v.guideline())
                + " ;\n    dct:source " + lit("gkb generate --seed " + settings.seed()) + " ;\n    gkb:verificationStatus verification:unverified ;\n"
                + "    rdfs:comment \"Synthetic content for benchmarks and tests: there is no real source to verify against.\" .\n\n");
        for (String s : v.sections()) {
            w.write("<" + g + "/section/" + s + "> a gkb:Section ; rdfs:label " + lit("Synthetic section " + s) + " .\n");
            w.write("<" + ver + "/coverage/" + s + "> a gkb:CoverageItem ; gkb:section <" + g + "/section/" + s + "> ; rdfs:label "
                    + lit("Section " + s + " as encoded in " + v.label()) + " ; gkb:locator " + lit("synthetic section " + s) + " .\n");
        }
        w.write("\n");
        for (GenStatement s : v.statements()) {
            w.write("<" + g + "/recommendation/" + s.rec() + "> a gkb:Recommendation ; gkb:ofGuideline <" + g + "> ; rdfs:label "
                    + lit(s.recLabel()) + " .\n");
        }
        for (GenStatement s : v.statements()) statement(w, g, ver, source, s);
    }

    private void statement(Writer w, String g, String ver, String source, GenStatement s) throws IOException {
        String st = ver + "/statement/" + s.rec();
        w.write("\n<" + st + "> a gkb:Statement ;\n    gkb:recommendation <" + g + "/recommendation/" + s.rec() + "> ;\n    gkb:inVersion <"
                + ver + "> ;\n    gkb:section <" + g + "/section/" + s.section() + "> ;\n    gkb:displayOrder " + s.displayOrder()
                + " ;\n    gkb:summary " + lit(s.summary()) + " ;\n    gkb:action action:" + s.action() + " ;\n    gkb:modality modality:"
                + s.modality() + " ;\n    gkb:category nccncat:" + s.category() + " ;\n    gkb:categoryBasis \""
                + (s.categoryStated() ? "stated" : "default") + "\" ;\n    gkb:criteria <" + st + "/criterion/root> ;\n    gkb:source <"
                + st + "/source> .\n");
        w.write("<" + st + "/source> a gkb:SourceLocator ; gkb:document <" + source + "> ; gkb:locator "
                + lit("synthetic section " + s.section() + ", item " + s.displayOrder()) + " .\n");
        criterion(w, st, s.criteria());
    }

    private void criterion(Writer w, String st, GenCriterion c) throws IOException {
        String type = switch (c.kind()) {
            case ALL_OF -> "gkb:AllOf";
            case ANY_OF -> "gkb:AnyOf";
            case NOT -> "gkb:Not";
            case ATTRIBUTE -> "gkb:AttributeCriterion";
            case JUDGEMENT -> "gkb:JudgementCriterion";
        };
        StringBuilder b = new StringBuilder("<").append(st).append("/criterion/").append(c.key()).append("> a ").append(type)
                .append(" ; gkb:key ").append(lit(c.key())).append(" ; rdfs:label ").append(lit(c.label()));
        if (c.kind() == GenCriterion.Kind.ATTRIBUTE) {
            b.append(" ;\n    gkb:attribute attr:").append(c.attribute()).append(" ; gkb:condition condition:").append(c.condition());
            if (!c.values().isEmpty()) {
                b.append(" ; gkb:value ").append(String.join(" , ", c.values().stream().map(Term::turtle).toList()));
            }
        } else if (!c.children().isEmpty()) {
            b.append(" ;\n    ").append(c.kind() == GenCriterion.Kind.JUDGEMENT ? "gkb:factor " : "gkb:operand ").append(String.join(" , ",
                    c.children().stream().map(k -> "<" + st + "/criterion/" + k.key() + ">").toList()));
        }
        w.write(b.append(" .\n").toString());
        for (GenCriterion k : c.children()) criterion(w, st, k);
    }

    private static void prefix(Writer w, String p, String iri) throws IOException {
        w.write("@prefix " + p + ": <" + iri + "> .\n");
    }

    /** A Turtle string literal. */
    static String lit(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}

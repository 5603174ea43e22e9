package org.guidelinekb.versioning;

import java.util.List;

import org.guidelinekb.versioning.GuidelineDiff.FieldChange;
import org.guidelinekb.versioning.GuidelineDiff.Modification;
import org.guidelinekb.versioning.GuidelineDiff.NotCovered;
import org.guidelinekb.versioning.GuidelineDiff.StatementBrief;
import org.guidelinekb.versioning.GuidelineDiff.VersionRef;
import org.guidelinekb.vocab.GKB;

/** Renders a {@link GuidelineDiff} as Markdown, for people and for pasting into a committee note. */
public final class MarkdownDiffRenderer {

    public String render(GuidelineDiff d) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(d.guideline()).append(": changes from version ").append(d.from()).append(" to version ").append(d.to()).append("\n\n");
        String header = "| version " + cell(d.from()) + " | version " + cell(d.to()) + " |\n|---|---|---|\n";
        md.append("| ").append(header);
        row(md, "status", d.fromVersion().status(), d.toVersion().status());
        row(md, "effective from", d.fromVersion().effectiveFrom(), d.toVersion().effectiveFrom());
        row(md, "covers", coverage(d.fromVersion()), coverage(d.toVersion()));
        md.append('\n');
        md.append(String.format("%d added, %d removed, %d modified, %d unchanged, %d not covered (stated in a section only one version encodes).%n",
                d.added().size(), d.removed().size(), d.modified().size(), d.unchanged(), d.notCovered().size()));
        if (!d.curated().isEmpty()) {
            md.append(d.curated().size()).append(d.curated().size() == 1 ? " recommendation" : " recommendations")
              .append(" of version ").append(d.from()).append(" linked by a curator to version ").append(d.to()).append(" (curated lineage, below).\n");
        }

        section(md, "Added in version " + d.to(), d.added());
        section(md, "Removed in version " + d.to(), d.removed());
        if (!d.modified().isEmpty()) {
            md.append("\n## Modified\n");
            for (Modification m : d.modified()) {
                md.append("\n### ").append(inline(m.label())).append("\n\n");
                md.append("Recommendation `").append(shortIri(m.recommendation())).append("`.\n\n");
                md.append("| field ").append(header);
                for (FieldChange c : m.changes()) row(md, fieldName(c.field()), c.from(), c.to());
            }
        }
        if (!d.notCovered().isEmpty()) {
            md.append("\n## Not covered by one of the versions\n\n");
            md.append("Stated by one version only, in a section the other version does not encode: not a change.\n\n");
            for (NotCovered n : d.notCovered()) {
                md.append("- **").append(inline(n.label())).append("** (`").append(shortIri(n.recommendation())).append("`): ")
                        .append(inline(n.note())).append(".\n");
            }
        }
        if (!d.curated().isEmpty()) {
            md.append("\n## Curated lineage\n\n");
            md.append("A curator linked these recommendations across the two versions (not the same recommendation; not a change found by matching).\n\n");
            for (GuidelineDiff.Curated c : d.curated()) md.append("- ").append(inline(c.text())).append(".\n");
        }
        if (!d.questionComparisons().isEmpty()) {
            md.append("\n## Nothing lines up: compare on the clinical question\n\n");
            for (GuidelineDiff.QuestionLink q : d.questionComparisons()) {
                md.append("- ").append(inline(q.note())).append(" Question `").append(shortIri(q.question())).append("`: ")
                  .append(q.page()).append(" (JSON: ").append(q.api()).append(").\n");
            }
        }
        md.append("\n## Unchanged\n\n").append(d.unchanged()).append(d.unchanged() == 1 ? " recommendation" : " recommendations")
                .append(" stated the same way by both versions.\n");
        return md.toString();
    }

    private static void section(StringBuilder md, String title, List<StatementBrief> items) {
        if (items.isEmpty()) return;
        md.append("\n## ").append(title).append("\n\n");
        for (StatementBrief s : items) {
            md.append("- **").append(inline(s.label())).append("** (`").append(shortIri(s.recommendation())).append("`)");
            StringBuilder facts = new StringBuilder();
            append(facts, "modality", s.modality());
            append(facts, "action", s.action());
            append(facts, "category", s.category());
            if (facts.length() > 0) md.append(" — ").append(facts);
            md.append('\n');
            if (s.summary() != null) md.append("  ").append(inline(s.summary())).append('\n');
        }
    }

    /** {@code criterion:root} → {@code criterion `root`}, {@code source.locator} → {@code source locator}. */
    private static String fieldName(String field) {
        if (field.startsWith(StatementFields.CRITERION_PREFIX)) return "criterion `" + field.substring(StatementFields.CRITERION_PREFIX.length()) + "`";
        return switch (field) {
            case "categoryBasis" -> "category basis";
            case "source.document" -> "source document";
            case "source.locator" -> "source locator";
            case "criteria" -> "root criterion";
            case "question" -> "clinical question";
            default -> field;
        };
    }

    private static void append(StringBuilder sb, String name, String value) {
        if (value == null) return;
        if (sb.length() > 0) sb.append(", ");
        sb.append(name).append(' ').append(value);
    }

    private static String coverage(VersionRef v) {
        return v.coverage().isEmpty() ? "(no coverage stated)" : String.join("; ", v.coverage());
    }

    private static void row(StringBuilder md, String name, String a, String b) {
        md.append("| ").append(cell(name)).append(" | ").append(cell(a)).append(" | ").append(cell(b)).append(" |\n");
    }

    /** A table cell: IRIs shortened, pipes escaped, line breaks as spaces, absent as an em dash. */
    private static String cell(String s) {
        if (s == null) return "—";
        return inline(shortIri(s)).replace("|", "\\|");
    }

    private static String inline(String s) {
        return s == null ? "" : s.replace("\r", "").replace("\n", " ").strip();
    }

    /** {@code https://w3id.org/gkb/id/guideline/x/section/y} → {@code guideline/x/section/y}. */
    static String shortIri(String s) {
        return s != null && s.startsWith(GKB.ID) ? s.substring(GKB.ID.length()) : s;
    }
}

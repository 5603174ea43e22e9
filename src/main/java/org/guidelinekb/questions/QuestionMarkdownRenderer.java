package org.guidelinekb.questions;

/**
 * The question-level comparison as a Markdown note for a committee: per version its sections encoded, then per
 * action group what each version says, in words, and a table of the statements.
 */
final class QuestionMarkdownRenderer {

    String render(QuestionComparison c) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(c.label() != null ? c.label() : c.question()).append("\n\n");
        md.append("Question: <").append(c.question()).append(">\n\n## Versions compared\n\n");
        for (QuestionComparison.Side s : c.versions()) {
            md.append("- **").append(s.guideline()).append(' ').append(s.version()).append("**")
              .append(s.date() != null ? " (" + s.date()
                      + (s.precision() != null && !"day".equals(s.precision()) ? ", known to the " + s.precision() : "") + ")" : "")
              .append(", status ").append(s.status()).append("; sections encoded: ").append(String.join("; ", s.coverage())).append('\n');
        }
        md.append("\nStatements of different versions have different identities: they are set side by side, not matched as added or removed.\n");
        for (QuestionComparison.Group g : c.groups()) {
            md.append("\n## ").append(g.label()).append(" (`").append(g.action()).append("`)\n\n");
            for (String d : g.differences()) md.append("- ").append(d).append('\n');
            md.append("\n| Version | Modality | Category | Applies when |\n|---|---|---|---|\n");
            for (QuestionComparison.Entry e : g.statements()) {
                md.append("| ").append(e.guideline()).append(' ').append(e.version()).append(" | ").append(cell(e.modality()))
                  .append(" | ").append(cell(e.category())).append(" | ").append(cell(e.criteria())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s == null ? "—" : s.replace("|", "\\|").replace("\n", " ");
    }
}

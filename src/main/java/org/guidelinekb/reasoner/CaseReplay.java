package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.guidelinekb.catalog.VersionInfo;

/**
 * What changes for one patient between two versions of a guideline, matched by stable recommendation identity.
 * A recommendation found in only one version is {@code new} or {@code removed} when the other version covers its
 * section, and {@code not-covered} when it does not (the other version's encoding did not include that part of the
 * source, so nothing can be said). A version without coverage items covers its whole guideline.
 */
public record CaseReplay(String guideline, String from, String to, List<Change> changes, List<Unchanged> unchanged) {

    /** A recommendation whose status differs; {@code from}/{@code to} are statuses, null where it is absent. */
    public record Change(String recommendation, String label, String action, String from, String to, String kind,
                         String fromStatement, String toStatement) {}

    /** A recommendation with the same status in both versions. */
    public record Unchanged(String recommendation, String label, String action, String status, String fromStatement,
                            String toStatement) {}

    static CaseReplay of(String guideline, VersionInfo from, VersionInfo to, Evaluation a, Evaluation b) {
        Map<String, StatementResult> before = byRecommendation(a);
        Map<String, StatementResult> after = byRecommendation(b);
        List<Change> changes = new ArrayList<>();
        List<Unchanged> unchanged = new ArrayList<>();
        for (Map.Entry<String, StatementResult> e : after.entrySet()) {
            StatementResult x = before.get(e.getKey());
            StatementResult y = e.getValue();
            if (x == null) {
                changes.add(change(e.getKey(), null, y, covers(from, y.statement()) ? "new" : "not-covered"));
            } else if (x.status() == y.status()) {
                CompiledStatement s = y.statement();
                unchanged.add(new Unchanged(e.getKey(), label(s), s.action(), y.status().word(), x.statement().iri(), s.iri()));
            } else {
                changes.add(change(e.getKey(), x, y, "status-changed"));
            }
        }
        for (Map.Entry<String, StatementResult> e : before.entrySet()) {
            if (after.containsKey(e.getKey())) continue;
            StatementResult x = e.getValue();
            changes.add(change(e.getKey(), x, null, covers(to, x.statement()) ? "removed" : "not-covered"));
        }
        return new CaseReplay(guideline, from.label(), to.label(), List.copyOf(changes), List.copyOf(unchanged));
    }

    private static Change change(String rec, StatementResult x, StatementResult y, String kind) {
        CompiledStatement s = (y != null ? y : x).statement();
        return new Change(rec, label(s), s.action(), x == null ? null : x.status().word(), y == null ? null : y.status().word(), kind,
                x == null ? null : x.statement().iri(), y == null ? null : y.statement().iri());
    }

    private static String label(CompiledStatement s) {
        return s.recommendationLabel() != null ? s.recommendationLabel() : s.text();
    }

    /** Statements keyed by their stable recommendation (the statement itself when it names none), in display order. */
    private static Map<String, StatementResult> byRecommendation(Evaluation e) {
        Map<String, StatementResult> out = new LinkedHashMap<>();
        List<StatementResult> inOrder = new ArrayList<>(e.results());
        inOrder.sort((p, q) -> p.statement().order() != q.statement().order()
                ? Integer.compare(p.statement().order(), q.statement().order()) : p.statement().iri().compareTo(q.statement().iri()));
        for (StatementResult r : inOrder) {
            String rec = r.statement().recommendation() != null ? r.statement().recommendation() : r.statement().iri();
            out.putIfAbsent(rec, r);
        }
        return out;
    }

    /** Whether a version's coverage includes the section of a statement (no coverage items: the whole guideline). */
    static boolean covers(VersionInfo v, CompiledStatement s) {
        if (v.coverage().isEmpty() || s.section() == null) return true;
        return v.coverage().stream().anyMatch(c -> s.section().equals(c.section()));
    }
}

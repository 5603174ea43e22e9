package org.guidelinekb.cds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.guidelinekb.catalog.CoverageItem;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.reasoner.CompiledStatement;
import org.guidelinekb.reasoner.Concepts;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.guidelinekb.vocab.GKB;

/**
 * Which guideline versions a CDS call evaluates (docs/cds-hooks.md):
 * <ul>
 * <li>the request's extension {@code org.guidelinekb.versions} ({@code guideline} + {@code version}, or
 *     {@code asOf}, or neither = current) when given;</li>
 * <li>else {@code active}: the current active version of every guideline;</li>
 * <li>else {@code active-or-uncovered} (order-select): the active versions, plus — for each recommendation relevant to
 *     the ordered procedure that the active version neither states nor covers (the statement's section is not in the
 *     active version's coverage) — the statement of the newest published version that has one. Such a statement is
 *     marked as taken from a non-active version, and the card says so.</li>
 * </ul>
 */
final class VersionPolicy {
    private static final String ACTION_SCHEME = GKB.CODE + "action/";

    private VersionPolicy() {}

    /** A version to evaluate, why, and the statements to use from it (null = all). */
    record Selection(VersionInfo version, String selectedBy, boolean fallback, Set<String> onlyStatements) {}

    static List<Selection> select(ReasonerIndex ix, CdsService service, CdsRequest.VersionChoice choice, Set<String> orderedActions) {
        if (choice != null) {
            if (choice.guideline() != null) {
                VersionInfo v = ix.catalog().resolve(choice.guideline(), choice.selector());
                return List.of(new Selection(v, "requested (" + choice.selector() + ")", false, null));
            }
            List<VersionInfo> all = ix.catalog().resolveAll(choice.selector());
            if (all.isEmpty()) throw new NotFoundException("no guideline has a " + choice.selector());
            return all.stream().map(v -> new Selection(v, "requested (" + choice.selector() + ")", false, null)).toList();
        }
        List<Selection> out = new ArrayList<>();
        for (VersionInfo v : ix.catalog().resolveAll(VersionSelector.CURRENT)) out.add(new Selection(v, "the current active version", false, null));
        if (service.versions().equals("active-or-uncovered")) out.addAll(uncovered(ix, orderedActions));
        return out;
    }

    private static List<Selection> uncovered(ReasonerIndex ix, Set<String> orderedActions) {
        List<Selection> out = new ArrayList<>();
        for (GuidelineInfo g : ix.catalog().guidelines()) {
            VersionInfo active = ix.catalog().resolveAll(VersionSelector.CURRENT).stream()
                    .filter(v -> v.guidelineId().equals(g.id())).findFirst().orElse(null);
            Set<String> stated = new HashSet<>();
            Set<String> covered = new HashSet<>();
            if (active != null) {
                ix.version(active).statements().forEach(s -> stated.add(s.recommendation()));
                active.coverage().forEach(c -> covered.add(c.section()));
            }
            List<VersionInfo> older = g.versions().stream().filter(VersionInfo::isPublished)
                    .filter(v -> active == null || !v.iri().equals(active.iri()))
                    .sorted(Comparator.comparing(VersionInfo::effectiveFrom, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                    .toList();
            for (VersionInfo v : older) {
                Set<String> take = new LinkedHashSet<>();
                for (CompiledStatement s : ix.version(v).statements()) {
                    if (!relevant(ix, s, orderedActions) || stated.contains(s.recommendation()) || covered.contains(s.section())) continue;
                    take.add(s.iri());
                    stated.add(s.recommendation());
                }
                if (take.isEmpty()) continue;
                String why = active == null
                        ? "guideline " + g.id() + " has no active version; this is its newest published version stating the recommendation"
                        : "the active version " + active.label() + " neither states this recommendation nor covers its section"
                          + (active.coverage().isEmpty() ? "" : " (its encoding covers only: "
                          + String.join("; ", active.coverage().stream().map(CoverageItem::locator).toList()) + ")");
                out.add(new Selection(v, why, true, take));
            }
        }
        return out;
    }

    /** Whether a statement is about the ordered procedure: its action is an ordered action, or broader, or narrower. */
    static boolean relevant(ReasonerIndex ix, CompiledStatement s, Set<String> orderedActions) {
        Concepts c = ix.attributes().concepts();
        int sa = s.action() == null ? -1 : c.index(ACTION_SCHEME, s.action());
        if (sa < 0) return false;
        for (String a : orderedActions) {
            int oa = c.index(ACTION_SCHEME, a);
            if (oa >= 0 && (c.within(oa, sa) || c.within(sa, oa))) return true;
        }
        return false;
    }
}

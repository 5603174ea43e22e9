package org.guidelinekb.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.guidelinekb.catalog.CoverageItem;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.generate.GenCriterion;
import org.guidelinekb.generate.GenStatement;
import org.guidelinekb.generate.GenVersion;
import org.guidelinekb.generate.GeneratorSettings;
import org.guidelinekb.generate.KbGenerator;
import org.guidelinekb.versioning.CriterionNode;
import org.guidelinekb.versioning.EncodedVersion;
import org.guidelinekb.versioning.GuidelineDiff;
import org.guidelinekb.versioning.VersionComparator;
import org.guidelinekb.versioning.VersionStatement;

/**
 * The version diff at scale: two generated versions of one guideline where every statement changes (change rate 1),
 * held as the {@link EncodedVersion}s that {@code VersionContentReader} would read from the store, compared by
 * {@link VersionComparator}. The store read is not measured here (it is a SPARQL read per version); the smoke test
 * checks that this mapping gives the same diff as the store path on a small knowledge base.
 */
public final class DiffWorkload {
    private static final String ID = "https://w3id.org/gkb/id/";
    private final EncodedVersion from;
    private final EncodedVersion to;
    private final VersionComparator comparator = new VersionComparator();

    public DiffWorkload(EncodedVersion from, EncodedVersion to) {
        this.from = from;
        this.to = to;
    }

    /** Two versions of {@code statements} statements, every one changed from the first to the second. */
    public static DiffWorkload generate(int statements, long seed) {
        List<GenVersion> vs = new KbGenerator(new GeneratorSettings(1, 2, statements, 1.0, seed)).guideline(0);
        return new DiffWorkload(encoded(vs.get(0)), encoded(vs.get(1)));
    }

    /** The measured operation. */
    public GuidelineDiff compare() {
        return comparator.compare(from, to);
    }

    public int statements() {
        return Math.max(from.statements().size(), to.statements().size());
    }

    /** A generated version as the version reader would give it. */
    public static EncodedVersion encoded(GenVersion v) {
        String g = ID + "guideline/" + v.guideline();
        List<CoverageItem> coverage = new ArrayList<>();
        for (String s : v.sections()) {
            coverage.add(new CoverageItem(v.iri() + "/coverage/" + s, g + "/section/" + s, "Section " + s + " as encoded in " + v.label(),
                    "synthetic section " + s));
        }
        String prev = v.previous() == null ? null : g + "/version/" + v.previous();
        VersionInfo info = new VersionInfo(v.guideline(), g, v.label(), v.iri(), v.status(), null, v.effectiveFrom(), "day", prev,
                "guideline-kb generator", List.copyOf(coverage));
        Map<String, VersionStatement> statements = new LinkedHashMap<>();
        for (GenStatement s : v.statements()) {
            String st = v.iri() + "/statement/" + s.rec();
            String rec = g + "/recommendation/" + s.rec();
            Map<String, CriterionNode> criteria = new TreeMap<>();
            List<GenCriterion> all = new ArrayList<>();
            s.criteria().collect(all);
            for (GenCriterion c : all) criteria.put(c.key(), node(st, c));
            statements.put(rec, new VersionStatement(st, rec, s.recLabel(), g + "/section/" + s.section(), "Synthetic section " + s.section(),
                    List.of(), List.of(s.summary()), s.action(), s.modality(), s.category(), s.categoryStated() ? "stated" : "default",
                    null, null, "root", java.util.Collections.unmodifiableMap(criteria), List.of(), List.of(),
                    ID + "source/synthetic-" + v.guideline(), "synthetic section " + s.section() + ", item " + s.displayOrder(),
                    s.displayOrder(), List.of()));
        }
        return new EncodedVersion(info, statements);
    }

    private static CriterionNode node(String statement, GenCriterion c) {
        String kind = switch (c.kind()) {
            case ALL_OF -> "AllOf";
            case ANY_OF -> "AnyOf";
            case NOT -> "Not";
            case ATTRIBUTE -> "AttributeCriterion";
            case JUDGEMENT -> "JudgementCriterion";
        };
        List<String> values = List.copyOf(new TreeSet<>(c.values().stream().map(t -> t.code()).toList()));
        List<String> kids = List.copyOf(new TreeSet<>(c.children().stream().map(GenCriterion::key).toList()));
        boolean judgement = c.kind() == GenCriterion.Kind.JUDGEMENT;
        return new CriterionNode(statement + "/criterion/" + c.key(), c.key(), kind, c.attribute(), c.condition(), c.label(), values,
                judgement ? List.of() : kids, judgement ? kids : List.of());
    }
}

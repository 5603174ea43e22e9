package org.guidelinekb.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic content: the same {@link GeneratorSettings} always give the same guidelines, versions and
 * bytes. Each guideline is generated on its own (from the seed and its number), so a large knowledge base is written
 * one guideline at a time and never held in memory whole.
 *
 * <pre>
 * KbGenerator gen = new KbGenerator(new GeneratorSettings(10, 2, 1000, 0.2, 42));
 * GenerationReport r = gen.write(Path.of("target/kb-10k"));   // guidelines/{g}/{v}.ttl, one file per version
 * List&lt;GenVersion&gt; versions = gen.guideline(0);               // the same content, in memory
 * </pre>
 */
public final class KbGenerator {
    /** Statements per section of a first version. */
    static final int PER_SECTION = 25;

    private final GeneratorSettings settings;

    public KbGenerator(GeneratorSettings settings) {
        this.settings = settings;
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Every version of guideline {@code g} (0-based), oldest first; the last one is active, the others retired. */
    public List<GenVersion> guideline(int g) {
        String id = settings.guidelineId(g);
        SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + g);
        CriteriaFactory criteria = new CriteriaFactory(random);
        int sections = Math.max(1, (settings.recommendations() + PER_SECTION - 1) / PER_SECTION);
        List<String> sectionNames = new ArrayList<>();
        for (int i = 1; i <= sections; i++) sectionNames.add(sectionName(i));
        List<GenStatement> first = new ArrayList<>();
        for (int i = 0; i < settings.recommendations(); i++) {
            first.add(newStatement(id, i + 1, sectionNames.get(i / PER_SECTION), criteria, random));
        }
        List<GenVersion> versions = new ArrayList<>();
        versions.add(new GenVersion(id, label(0), effectiveFrom(0), "active", null, List.copyOf(sectionNames), List.copyOf(first)));
        int[] next = {settings.recommendations() + 1, sections + 1};
        VersionChurn churn = new VersionChurn(random, settings.changeRate());
        for (int v = 1; v < settings.versions(); v++) {
            versions.add(churn.next(versions.get(v - 1), label(v), effectiveFrom(v), next, PER_SECTION));
        }
        List<GenVersion> out = new ArrayList<>();
        for (int v = 0; v < versions.size(); v++) {
            GenVersion x = versions.get(v);
            String status = v == versions.size() - 1 ? "active" : "retired";
            out.add(new GenVersion(x.guideline(), x.label(), x.effectiveFrom(), status, x.previous(), x.sections(), x.statements()));
        }
        return List.copyOf(out);
    }

    /** Writes {@code out/guidelines/{g}/{v}.ttl} for every version of every guideline. */
    public GenerationReport write(Path out) {
        List<Path> files = new ArrayList<>();
        long statements = 0;
        long bytes = 0;
        TurtleVersionWriter writer = new TurtleVersionWriter(settings);
        for (int g = 0; g < settings.guidelines(); g++) {
            for (GenVersion v : guideline(g)) {
                Path file = out.resolve("guidelines").resolve(v.guideline()).resolve(v.label() + ".ttl");
                try {
                    Files.createDirectories(file.getParent());
                    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        writer.write(v, w);
                    }
                    bytes += Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
                }
                files.add(file);
                statements += v.statements().size();
            }
        }
        return new GenerationReport(List.copyOf(files), statements, bytes);
    }

    static String label(int v) {
        return "v" + (v + 1);
    }

    static LocalDate effectiveFrom(int v) {
        return LocalDate.of(2020, 1, 1).plusDays(120L * v);
    }

    static String sectionName(int i) {
        return String.format("s%03d", i);
    }

    static GenStatement newStatement(String guideline, int n, String section, CriteriaFactory criteria, SplittableRandom random) {
        String rec = String.format("rec-%05d", n);
        String action = CodeLists.ACTIONS.get(random.nextInt(CodeLists.ACTIONS.size()));
        double m = random.nextDouble();
        String modality = m < 0.35 ? "recommend" : m < 0.7 ? "consider" : m < 0.8 ? "recommend-against" : "informative";
        double c = random.nextDouble();
        String category = c < 0.7 ? "2A" : c < 0.8 ? "1" : c < 0.95 ? "2B" : "3";
        String summary = "Synthetic statement " + n + " of " + guideline + ": " + modality + " " + action.replace('-', ' ')
                + " when the criteria are met.";
        return new GenStatement(rec, "Synthetic recommendation " + n + " of " + guideline, section, n, summary, action, modality,
                category, !category.equals("2A"), criteria.tree());
    }

    /** What {@link #write} wrote. */
    public record GenerationReport(List<Path> files, long statements, long bytes) {}
}

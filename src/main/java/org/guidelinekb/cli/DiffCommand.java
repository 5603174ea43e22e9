package org.guidelinekb.cli;

import java.util.concurrent.Callable;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.versioning.GuidelineDiff;
import org.guidelinekb.versioning.Versions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gkb diff GUIDELINE FROM TO}: the clinical comparison of two versions, as on {@code GET /api/guidelines/{g}/compare}. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two versions of a guideline in clinical terms (added, removed, modified, unchanged, not covered).")
final class DiffCommand implements Callable<Integer> {
    enum Format { json, markdown, rdf_patch }

    @Parameters(index = "0", paramLabel = "GUIDELINE", description = "Guideline id, e.g. nccn-breast.")
    String guideline;

    @Parameters(index = "1", paramLabel = "FROM", description = "Version label to compare from, e.g. 2015.")
    String from;

    @Parameters(index = "2", paramLabel = "TO", description = "Version label to compare to, e.g. 6.2026.")
    String to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", converter = FormatConverter.class,
            description = "json (default), markdown or rdf-patch.")
    Format format;

    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        try (KnowledgeBase kb = KnowledgeBase.open(storeOptions.apply(AppConfig.defaults()), Progress.stderr())) {
            Versions v = kb.versions();
            VersionSelector a = VersionSelector.label(from);
            VersionSelector b = VersionSelector.label(to);
            String out = switch (format) {
                case rdf_patch -> v.rdfPatch(guideline, a, b);
                case markdown -> v.markdown(v.compare(guideline, a, b));
                case json -> json(v.compare(guideline, a, b));
            };
            spec.commandLine().getOut().print(out);
            spec.commandLine().getOut().flush();
        }
        return Main.OK;
    }

    private static String json(GuidelineDiff d) throws JsonProcessingException {
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(d) + System.lineSeparator();
    }

    /** Accepts json, markdown, rdf-patch (and rdf_patch). */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected json, markdown or rdf-patch, not '" + value + "'");
            }
        }
    }
}

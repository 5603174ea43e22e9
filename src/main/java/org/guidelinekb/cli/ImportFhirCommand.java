package org.guidelinekb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.fhir.FhirExport;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gkb import-fhir BUNDLE.json}: a Bundle from {@code export-fhir} back into the store as a new draft version (docs/fhir.md). */
@Command(name = "import-fhir", mixinStandardHelpOptions = true,
        description = "Import a CPG-on-FHIR Bundle written by export-fhir as a new draft version (label: --label, default {original}-fhir).")
final class ImportFhirCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The Bundle (FHIR JSON) file.")
    Path bundle;

    @Option(names = "--label", paramLabel = "LABEL", description = "Label of the new draft version (default: the original label + '-fhir').")
    String label;

    @Option(names = "--agent", defaultValue = "${env:USER:-gkb-cli}", description = "Who imports, for provenance (default: ${DEFAULT-VALUE}).")
    String agent;

    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String json;
        try {
            json = Files.readString(bundle, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + bundle);
        } catch (UncheckedIOException | java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(bundle + " is not UTF-8 text");
        }
        try (KnowledgeBase kb = KnowledgeBase.open(storeOptions.apply(AppConfig.defaults()), Progress.stderr())) {
            var imported = kb.fhirImport().importBundle(json, label, agent);
            spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(imported.write()));
            spec.commandLine().getOut().flush();
        }
        return Main.OK;
    }
}

package org.guidelinekb.cli;

import java.util.concurrent.Callable;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.fhir.FhirExport;
import org.guidelinekb.fhir.FhirJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gkb export-fhir GUIDELINE VERSION}: the version as a CPG-on-FHIR R4 Bundle (JSON) on standard output, as {@code GET /fhir/Bundle/{g}--{v}}. */
@Command(name = "export-fhir", mixinStandardHelpOptions = true,
        description = "Write a guideline version as an HL7 CPG-on-FHIR R4 collection Bundle (JSON) to standard output (docs/fhir.md).")
final class ExportFhirCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "GUIDELINE", description = "Guideline id, e.g. nccn-breast.")
    String guideline;

    @Parameters(index = "1", paramLabel = "VERSION", description = "Version label, e.g. 2015.")
    String version;

    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (KnowledgeBase kb = KnowledgeBase.open(storeOptions.apply(AppConfig.defaults()), Progress.stderr())) {
            spec.commandLine().getOut().println(FhirJson.write(kb.fhirExport().export(guideline, version)));
            spec.commandLine().getOut().flush();
        }
        return Main.OK;
    }
}

package org.guidelinekb.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.guidelinekb.generate.GeneratorSettings;
import org.guidelinekb.generate.KbGenerator;
import org.guidelinekb.generate.KbGenerator.GenerationReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gkb generate}: deterministic synthetic content (for benchmarks and tests), one Turtle file per version. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write synthetic guideline content that passes the shapes and checks: OUT/guidelines/{g}/{v}.ttl,",
                "one file per guideline version. The same options always give the same files. NOT clinical guidance."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--guidelines", paramLabel = "N", defaultValue = "1", description = "Number of guidelines (default ${DEFAULT-VALUE}).")
    int guidelines;

    @Option(names = "--versions", paramLabel = "V", defaultValue = "2", description = "Versions per guideline (default ${DEFAULT-VALUE}).")
    int versions;

    @Option(names = "--recommendations", paramLabel = "R", defaultValue = "100",
            description = "Statements in each guideline's first version (default ${DEFAULT-VALUE}).")
    int recommendations;

    @Option(names = "--change-rate", paramLabel = "P", defaultValue = "0.2",
            description = "Probability that a statement changes from one version to the next; "
                    + "about P/10 are withdrawn and as many added (default ${DEFAULT-VALUE}).")
    double changeRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write into (created when missing).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KbGenerator generator = new KbGenerator(new GeneratorSettings(guidelines, versions, recommendations, changeRate, seed));
        GenerationReport r = generator.write(out);
        spec.commandLine().getOut().printf("wrote %d file(s), %d statement(s), %d bytes under %s%n", r.files().size(), r.statements(),
                r.bytes(), out.resolve("guidelines"));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}

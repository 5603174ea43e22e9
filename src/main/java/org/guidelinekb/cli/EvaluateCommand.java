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
import org.guidelinekb.reasoner.EvaluationJson;
import org.guidelinekb.reasoner.RequestJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gkb evaluate REQUEST.json}: the reasoner from the command line. Reads the same request JSON as
 * {@code POST /api/evaluate} and prints the same response JSON; the options override the request's choice of
 * guideline and version.
 */
@Command(name = "evaluate", // --version names a guideline version here, so only --help is declared (below)
        description = "Evaluate a patient case against guideline versions: which recommendations apply, why, and what is missing. "
                + "REQUEST is the JSON that POST /api/evaluate takes, e.g. {\"guideline\": \"nccn-breast\", \"version\": \"2015\", "
                + "\"case\": {\"metastatic\": true}}; the answer is the same JSON.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REQUEST", description = "Request JSON: a file, - for standard input, or the JSON itself (starting with {).")
    String request;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--guideline", paramLabel = "ID", description = "Evaluate against this guideline (default: the request's, else all).")
    String guideline;

    @Option(names = "--version", paramLabel = "LABEL", description = "Version label (default: the request's, else the active version).")
    String version;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The version in effect on that day (instead of --version).")
    String asOf;

    @Option(names = "--include", paramLabel = "STATUS", split = ",",
            description = "Return only recommendations of these statuses: applicable, undetermined, not-applicable (default: all; the request's \"include\").")
    java.util.List<String> include;

    @Option(names = "--explain", paramLabel = "LEVEL",
            description = "full (default: every criterion with its outcome) or summary (id, status and what is missing only; the request's \"explain\").")
    String explain;

    @Mixin
    StoreOptions storeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (version != null && asOf != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --version or --as-of, not both");
        }
        ObjectNode body = (ObjectNode) RequestJson.parse(read(request));
        if (guideline != null) body.put("guideline", guideline);
        if (version != null || asOf != null) {
            body.remove("version");
            body.remove("asOf");
            if (version != null) body.put("version", version);
            if (asOf != null) body.put("asOf", asOf);
        }
        if (include != null) {
            com.fasterxml.jackson.databind.node.ArrayNode inc = body.putArray("include");
            include.forEach(inc::add);
        }
        if (explain != null) body.put("explain", explain);
        try (KnowledgeBase kb = KnowledgeBase.open(storeOptions.apply(AppConfig.defaults()), Progress.stderr())) {
            ObjectNode answer = EvaluationJson.of(kb.reasoner().evaluate(body));
            spec.commandLine().getOut().println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            spec.commandLine().getOut().flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return Main.OK;
    }

    private static String read(String file) {
        try {
            if (file.equals("-")) return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            if (file.stripLeading().startsWith("{")) return file; // the request itself, as the description's example shows
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException("no request file " + file + " (give a file, - for standard input, or the JSON itself)");
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

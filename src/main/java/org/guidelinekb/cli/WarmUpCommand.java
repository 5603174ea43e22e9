package org.guidelinekb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.util.Resources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gkb warm-up}: the training run of class-data sharing (docs/configuration.md). Starts the server on a loopback
 * port over a new data folder (the bundled content loaded), asks it what the first callers ask (readiness, an
 * evaluation, a CDS Hooks call, a page, a named SPARQL query), checks every answer, and stops. Run under
 * {@code -XX:ArchiveClassesAtExit}, the JVM records the classes this loaded; {@code ./gkb} does that once per build and
 * starts every later command with the archive.
 */
@Command(name = "warm-up", mixinStandardHelpOptions = true,
        description = {"Start the server on a new data folder, answer the first requests a caller makes, check them and stop:",
                "the training run ./gkb uses to record a class-data sharing archive (once per build)."})
final class WarmUpCommand implements Callable<Integer> {
    private static final String CASE = "{\"case\": {\"metastatic\": true, \"primaryTumorIntact\": true, \"primarySymptoms\": [\"bleeding\"]}}";

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "A data folder that does not exist yet (or is empty); it is left behind with the bundled content.")
    Path data;

    private record Call(String what, HttpRequest request) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (Files.exists(data) && (!Files.isDirectory(data) || Files.list(data).findAny().isPresent())) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--data must name a folder that does not exist yet or is empty, not " + data);
        }
        long t0 = System.nanoTime();
        AppConfig config = AppConfig.defaults().toBuilder().host("127.0.0.1").port(0).build().withDataDir(data);
        try (App app = App.start(config, msg -> { })) {
            String base = "http://127.0.0.1:" + app.port();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            awaitReady(client, base);
            List<Call> calls = List.of(
                    new Call("evaluate", post(base + "/api/evaluate", CASE)),
                    new Call("CDS Hooks discovery", get(base + "/cds-services", "application/json")),
                    new Call("CDS Hooks call", post(base + "/cds-services/gkb-metastatic-breast-cancer", Resources.read("warmup/cds-request.json"))),
                    new Call("guideline list", get(base + "/api/guidelines", "application/json")),
                    new Call("home page", get(base + "/", "text/html")),
                    new Call("named query", get(base + "/api/queries/list-concept-labels", "application/sparql-results+json")));
            for (Call c : calls) {
                HttpResponse<String> r = client.send(c.request(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    System.err.println("gkb: warm-up: " + c.what() + " answered " + r.statusCode() + ": " + r.body());
                    return Main.FAILURE;
                }
            }
            System.err.printf("gkb: warm-up: the server started and answered %d requests in %d ms%n", calls.size() + 1,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        return Main.OK;
    }

    private static void awaitReady(HttpClient client, String base) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                if (client.send(get(base + "/api/ready", "application/json"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw new UncheckedIOException(e);
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("the server was not ready within 2 minutes");
            Thread.sleep(20);
        }
    }

    private static HttpRequest get(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(60)).GET().build();
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}

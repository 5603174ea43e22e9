package org.guidelinekb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official standalone Fuseki server ({@code org.apache.jena:jena-fuseki-server}, copied into the build folder by
 * Maven) run as its own process on loopback, over a TDB2 folder so it can be stopped and restarted with its data.
 */
public final class StandaloneFuseki implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final boolean unionDefaultGraph;
    private Process process;
    private Path log;

    /** A store set up as docs/deployment.md asks (the default graph the union of the named graphs). */
    public StandaloneFuseki(Path dataDir) {
        this(dataDir, true);
    }

    public StandaloneFuseki(Path dataDir, boolean unionDefaultGraph) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.unionDefaultGraph = unionDefaultGraph;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String datasetUrl() {
        return "http://127.0.0.1:" + port + "/kb";
    }

    public StandaloneFuseki start() {
        String jar = System.getProperty("gkb.fuseki.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("jena-fuseki-server.jar not found at " + jar + " (the Maven build copies it)");
        }
        try {
            Files.createDirectories(dataDir);
            List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-jar", jar, "--localhost", "--port", String.valueOf(port), "--update", "--tdb2"));
            if (unionDefaultGraph) cmd.addAll(List.of("--set", "tdb:unionDefaultGraph=true"));
            cmd.addAll(List.of("--loc", dataDir.toString(), "/kb"));
            // Fuseki keeps its run area (FUSEKI_BASE, default ./run) beside the data, not in the working directory
            Path base = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-base"));
            log = base.resolve("fuseki.log"); // beside the data, so it goes with the test's temporary folder
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(base.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())); // a restart adds to the same log
            pb.environment().put("FUSEKI_BASE", base.toString());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient client = HttpClient.newHttpClient();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(datasetUrl() + "/sparql?query=ASK%7B%7D"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return this;
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (!process.isAlive()) break;
            sleep(200);
        }
        throw new IllegalStateException("standalone Fuseki did not start; log: " + readLog());
    }

    /**
     * A copy of the whole dataset as it is now, read through the Graph Store Protocol (N-Quads), blank node labels as
     * the store gives them (so equal stores read equal).
     */
    public org.apache.jena.sparql.core.DatasetGraph contentCopy() {
        org.apache.jena.sparql.core.DatasetGraph copy = org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
        org.apache.jena.riot.RDFParser.source(datasetUrl()).acceptHeader(org.apache.jena.riot.Lang.NQUADS.getHeaderString())
                .forceLang(org.apache.jena.riot.Lang.NQUADS).labelToNode(org.apache.jena.riot.lang.LabelToNode.createUseLabelAsGiven())
                .parse(copy);
        return copy;
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String readLog() {
        try {
            return log == null ? "" : Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}

package org.guidelinekb.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.guidelinekb.App;

import sun.misc.Signal;
import org.guidelinekb.AppConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gkb serve}: SPARQL, the JSON API and the web pages on one port, until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server (SPARQL at /kb/sparql, API at /api).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:GKB_PORT:-8080}",
            description = "HTTP port (default: ${DEFAULT-VALUE}; env GKB_PORT; 0 = any free port).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "${env:GKB_HOST:-0.0.0.0}",
            description = "Interface: 0.0.0.0 (all, default) or 127.0.0.1 (this machine only); env GKB_HOST.")
    String host;

    @Option(names = "--query-timeout", paramLabel = "SECONDS", defaultValue = "${env:GKB_QUERY_TIMEOUT:-10}",
            description = "Timeout of public SPARQL queries (default: ${DEFAULT-VALUE}).")
    int queryTimeout;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "${env:GKB_STORE}",
            description = "Use a remote SPARQL 1.1 store (its dataset URL, e.g. http://host:3030/kb) instead of TDB2; env GKB_STORE. "
                    + "Endpoints default to URL/sparql, URL/update, URL/data (env GKB_STORE_QUERY, GKB_STORE_UPDATE, GKB_STORE_GSP); "
                    + "credentials from env GKB_STORE_USER + GKB_STORE_PASSWORD or GKB_STORE_TOKEN; the query timeout is sent "
                    + "as timeout=SECONDS (env GKB_STORE_TIMEOUT_PARAM names another parameter, empty: none).")
    String store;

    @Option(names = "--refresh", paramLabel = "MILLIS", defaultValue = "${env:GKB_REFRESH_MILLIS:-1000}",
            description = "With --store: how often to look for changes made through other replicas (default: ${DEFAULT-VALUE} ms).")
    long refreshMillis;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File of write tokens, one 'label token' per line (the label is recorded as the writer). "
                    + "Also env GKB_ADMIN_TOKEN (label admin). Without a token every write is refused.")
    java.nio.file.Path tokenFile;

    @Option(names = "--reasoner-cache", paramLabel = "VERSIONS", defaultValue = "${env:GKB_REASONER_CACHE:-4}",
            description = "How many compiled guideline versions besides the active ones the reasoner keeps in memory, least recently "
                    + "used dropped first (default: ${DEFAULT-VALUE}; env GKB_REASONER_CACHE; docs/scale.md).")
    int reasonerCache;

    @Option(names = "--public-url", paramLabel = "URL", defaultValue = "${env:GKB_PUBLIC_URL}",
            description = "The server's public base URL for the links it hands out (service description, CDS cards), "
                    + "e.g. https://kb.example.org; default: the listening address; env GKB_PUBLIC_URL.")
    String publicUrl;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    CdsJwtOptions cdsJwtOptions;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "--port must be 0..65535, not " + port);
        if (reasonerCache < 0) throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "--reasoner-cache must be 0 or more, not " + reasonerCache);
        if (publicUrl != null && !publicUrl.isBlank() && !publicUrl.strip().matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--public-url must be an http or https URL without query or fragment, not " + publicUrl);
        }
        AppConfig config = storeOptions.apply(AppConfig.defaults()).withPort(port).withHost(host).withQueryTimeoutSeconds(queryTimeout)
                .toBuilder().storeUrl(store == null || store.isBlank() ? null : store).refreshMillis(refreshMillis)
                .tokenFile(tokenFile).adminToken(System.getenv("GKB_ADMIN_TOKEN")).cdsJwt(cdsJwtOptions.settings())
                .publicUrl(publicUrl).reasonerCacheVersions(reasonerCache).build();
        long t0 = System.nanoTime();
        App app = App.start(config, Progress.stderr());
        // SIGTERM and Ctrl-C stop the server in order (in-flight requests finish, the store is closed) and exit 0.
        CountDownLatch stop = new CountDownLatch(1);
        for (String sig : new String[] {"TERM", "INT"}) Signal.handle(new Signal(sig), s -> stop.countDown());
        System.err.printf("gkb: serving %s (store: %s %s) on http://localhost:%d/ in %d ms%n", App.DATASET,
                app.kb().store().info().kind(), app.kb().store().info().location(), app.port(), (System.nanoTime() - t0) / 1_000_000);
        stop.await();
        System.err.println("gkb: stopping");
        app.close();
        System.err.println("gkb: stopped; store closed");
        return Main.OK;
    }
}

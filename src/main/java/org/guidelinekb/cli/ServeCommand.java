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

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "--port must be 0..65535, not " + port);
        AppConfig config = storeOptions.apply(AppConfig.defaults()).withPort(port).withHost(host).withQueryTimeoutSeconds(queryTimeout);
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

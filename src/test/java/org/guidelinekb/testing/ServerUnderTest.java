package org.guidelinekb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.jena.sparql.core.DatasetGraph;
import org.guidelinekb.App;
import org.guidelinekb.AppConfig;

/**
 * A real server on a free port over the store kind this test run asks for, so that one test class can run against
 * both. The kind comes from the system property {@value #PROPERTY}: {@code embedded} (the default: in-memory TDB2 in
 * the server's process) or {@code remote} (a standalone Fuseki process of its own, TDB2 on disk in a temporary
 * folder, the server started with {@code --store}). The build runs the bad-input hardening tests once each way.
 *
 * <p>{@link #storeContent()} reads the store directly, never through the server under test: the live dataset when
 * embedded, a copy fetched from Fuseki (Graph Store Protocol, the whole dataset as N-Quads) when remote.
 */
public final class ServerUnderTest implements AutoCloseable {
    public static final String PROPERTY = "gkb.test.store";

    /** The kinds of store a test run can ask for. */
    public enum StoreKind {
        EMBEDDED, REMOTE;

        /** The kind this run asks for ({@value #PROPERTY}), embedded when unset. */
        public static StoreKind ofThisRun() {
            String v = System.getProperty(PROPERTY, "embedded").trim().toUpperCase(Locale.ROOT);
            try {
                return valueOf(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " must be 'embedded' or 'remote', not '" + v.toLowerCase(Locale.ROOT) + "'");
            }
        }
    }

    private final App app;
    private final StandaloneFuseki fuseki;
    private final Path folder;
    private final boolean bundled;

    private ServerUnderTest(App app, StandaloneFuseki fuseki, Path folder, boolean bundled) {
        this.app = app;
        this.fuseki = fuseki;
        this.folder = folder;
        this.bundled = bundled;
    }

    /** Starts a server with {@code config} (an in-memory configuration, e.g. {@link AppConfig#forTests()}). */
    public static ServerUnderTest start(AppConfig config) {
        if (StoreKind.ofThisRun() == StoreKind.EMBEDDED) return new ServerUnderTest(Readiness.await(App.start(config)), null, null, config.loadBundled());
        Path folder;
        try {
            folder = Files.createTempDirectory("gkb-remote-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StandaloneFuseki fuseki = new StandaloneFuseki(folder.resolve("tdb2"));
        try {
            fuseki.start();
            return new ServerUnderTest(Readiness.await(App.start(config.toBuilder().storeUrl(fuseki.datasetUrl()).build())), fuseki, folder,
                    config.loadBundled());
        } catch (RuntimeException e) {
            fuseki.close();
            deleteTree(folder);
            throw e;
        }
    }

    public App app() {
        return app;
    }

    public String baseUrl() {
        return app.baseUrl();
    }

    public String url(String path) {
        return app.baseUrl() + path;
    }

    public Http http() {
        return new Http(app.baseUrl());
    }

    public StoreKind kind() {
        return fuseki == null ? StoreKind.EMBEDDED : StoreKind.REMOTE;
    }

    /**
     * The store's content as it is now, read directly: the live dataset (read it in a transaction) or a fresh copy
     * of the remote one. Blank node labels are the store's own (kept as given), so equal stores read equal.
     */
    public DatasetGraph storeContent() {
        if (fuseki == null) return app.kb().store().localDataset().orElseThrow();
        DatasetGraph copy = fuseki.contentCopy();
        // an empty answer would make every "store unchanged" check pass without comparing anything
        if (bundled && copy.isEmpty()) throw new IllegalStateException("the remote store at " + fuseki.datasetUrl() + " read back empty");
        return copy;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            if (fuseki != null) {
                fuseki.close();
                deleteTree(folder);
            }
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not a test failure
        }
    }
}

package org.guidelinekb.testing;

import java.util.function.Supplier;

import org.apache.jena.sparql.core.DatasetGraph;
import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server for all the tests of a class, started before the first and stopped after the last (a JUnit 5
 * extension, in place of a {@code @BeforeAll}/{@code @AfterAll} pair in every class):
 * <pre>
 * &#64;RegisterExtension
 * static final RunningServer server = RunningServer.with(AppConfig::forTests);
 * ...
 * server.http().get("/api/health");
 * </pre>
 * The server is a {@link ServerUnderTest}: embedded in-memory TDB2, or a standalone Fuseki of its own in the build's
 * remote-store rerun ({@value ServerUnderTest#PROPERTY}). A class's own {@code @BeforeAll} methods run after the server
 * started (JUnit calls extensions' before-all callbacks first), so they may use it.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<AppConfig> config;
    private ServerUnderTest server;
    private Http http;

    private RunningServer(Supplier<AppConfig> config) {
        this.config = config;
    }

    /** A server with the configuration {@code config} gives when the class starts (e.g. {@code AppConfig::forTests}). */
    public static RunningServer with(Supplier<AppConfig> config) {
        return new RunningServer(config);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = ServerUnderTest.start(config.get());
        http = server.http();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) server.close();
        server = null;
        http = null;
    }

    private ServerUnderTest server() {
        if (server == null) throw new IllegalStateException("the server runs only while the test class runs");
        return server;
    }

    public App app() {
        return server().app();
    }

    public String baseUrl() {
        return server().baseUrl();
    }

    public String url(String path) {
        return server().url(path);
    }

    public Http http() {
        server();
        return http;
    }

    public ServerUnderTest.StoreKind kind() {
        return server().kind();
    }

    /** The store's content, read directly (see {@link ServerUnderTest#storeContent()}). */
    public DatasetGraph storeContent() {
        return server().storeContent();
    }
}

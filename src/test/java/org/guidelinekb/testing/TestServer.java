package org.guidelinekb.testing;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;

/** A real server on a free port over an in-memory TDB2 store with the bundled content. */
public final class TestServer implements AutoCloseable {
    private final App app;
    private final Http http;

    private TestServer(App app) {
        this.app = app;
        this.http = new Http(app.baseUrl());
    }

    public static TestServer start() {
        return start(AppConfig.forTests());
    }

    public static TestServer start(AppConfig config) {
        return new TestServer(Readiness.await(App.start(config)));
    }

    public App app() {
        return app;
    }

    public Http http() {
        return http;
    }

    public String url(String path) {
        return app.baseUrl() + path;
    }

    @Override
    public void close() {
        app.close();
    }
}

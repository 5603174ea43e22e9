package org.guidelinekb;

import java.nio.file.Path;

/**
 * Settings of one server, built from command-line flags and environment variables (README, "Configuration").
 *
 * @param host          interface to listen on
 * @param port          HTTP port; 0 picks a free one (tests)
 * @param dataDir       TDB2 folder, created on first start
 * @param inMemory      keep the store in memory instead of {@code dataDir}
 * @param loadBundled   load the bundled content (kb/) when the store is empty
 * @param queryTimeoutSeconds timeout for SPARQL queries from the public endpoint and the named-query API
 */
public record AppConfig(String host, int port, Path dataDir, boolean inMemory, boolean loadBundled, int queryTimeoutSeconds) {

    public static final int DEFAULT_PORT = 8080;

    public static AppConfig defaults() {
        return new AppConfig("0.0.0.0", DEFAULT_PORT, Path.of("data"), false, true, 10);
    }

    /** A test configuration: in-memory TDB2, a free port, bundled content loaded. */
    public static AppConfig forTests() {
        return new AppConfig("127.0.0.1", 0, null, true, true, 10);
    }

    public AppConfig withPort(int p) { return new AppConfig(host, p, dataDir, inMemory, loadBundled, queryTimeoutSeconds); }
    public AppConfig withDataDir(Path d) { return new AppConfig(host, port, d, false, loadBundled, queryTimeoutSeconds); }
    public AppConfig withInMemory(boolean m) { return new AppConfig(host, port, dataDir, m, loadBundled, queryTimeoutSeconds); }
    public AppConfig withLoadBundled(boolean b) { return new AppConfig(host, port, dataDir, inMemory, b, queryTimeoutSeconds); }
    public AppConfig withHost(String h) { return new AppConfig(h, port, dataDir, inMemory, loadBundled, queryTimeoutSeconds); }
    public AppConfig withQueryTimeoutSeconds(int s) { return new AppConfig(host, port, dataDir, inMemory, loadBundled, s); }
}

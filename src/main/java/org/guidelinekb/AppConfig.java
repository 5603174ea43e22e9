package org.guidelinekb;

import java.nio.file.Path;

/**
 * Settings of one server, built from command-line flags and environment variables (README, "Configuration").
 * Immutable; change one setting with {@link #toBuilder()}.
 *
 * @param host                interface to listen on
 * @param port                HTTP port; 0 picks a free one (tests)
 * @param dataDir             TDB2 folder, created on first start
 * @param inMemory            keep the store in memory instead of {@code dataDir}
 * @param loadBundled         load the bundled content (kb/) when the store is empty
 * @param queryTimeoutSeconds timeout for SPARQL queries from the public endpoint and the named-query API
 * @param tokenFile           file of write tokens ({@code label token} per line), or null
 * @param adminToken          a write token given directly (env GKB_ADMIN_TOKEN), labelled "admin", or null
 * @param storeUrl            a remote SPARQL 1.1 store's dataset URL instead of embedded TDB2, or null
 * @param refreshMillis       with a remote store: how often to look for changes made through other replicas
 * @param maxResultRows       cap on the solutions of a public SPARQL SELECT, CONSTRUCT or DESCRIBE
 * @param maxJsonBytes        largest JSON request body (413 above it)
 * @param maxUploadBytes      largest other request body, e.g. a guideline version upload (413 above it)
 * @param cdsJwt              how far CDS Hooks callers are trusted: client JWTs, FHIR servers to fetch from, open feedback (docs/security.md); NONE = defaults
 * @param publicUrl           the server's public base URL for links it hands out (e.g. https://kb.example.org), or null
 *                            for the listening address; never taken from a request's Host header
 * @param reasonerCacheVersions how many compiled versions besides the active ones the reasoner keeps (docs/scale.md)
 */
public record AppConfig(String host, int port, Path dataDir, boolean inMemory, boolean loadBundled, int queryTimeoutSeconds,
                        Path tokenFile, String adminToken, String storeUrl, long refreshMillis, long maxResultRows,
                        org.guidelinekb.cds.CdsJwtSettings cdsJwt, long maxJsonBytes, long maxUploadBytes, String publicUrl,
                        int reasonerCacheVersions) {

    public static final int DEFAULT_PORT = 8080;

    public static AppConfig defaults() {
        return new Builder().build();
    }

    /** A test configuration: in-memory TDB2, loopback, a free port, bundled content loaded. */
    public static AppConfig forTests() {
        return new Builder().host("127.0.0.1").port(0).inMemory(true).build();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).dataDir(dataDir).inMemory(inMemory).loadBundled(loadBundled)
                .queryTimeoutSeconds(queryTimeoutSeconds).tokenFile(tokenFile).adminToken(adminToken).storeUrl(storeUrl)
                .refreshMillis(refreshMillis).maxResultRows(maxResultRows).cdsJwt(cdsJwt)
                .maxJsonBytes(maxJsonBytes).maxUploadBytes(maxUploadBytes).publicUrl(publicUrl).reasonerCacheVersions(reasonerCacheVersions);
    }

    public AppConfig withPort(int p) { return toBuilder().port(p).build(); }
    public AppConfig withDataDir(Path d) { return toBuilder().dataDir(d).inMemory(false).build(); }
    public AppConfig withInMemory(boolean m) { return toBuilder().inMemory(m).build(); }
    public AppConfig withLoadBundled(boolean b) { return toBuilder().loadBundled(b).build(); }
    public AppConfig withHost(String h) { return toBuilder().host(h).build(); }
    public AppConfig withQueryTimeoutSeconds(int s) { return toBuilder().queryTimeoutSeconds(s).build(); }

    /** Builds an {@link AppConfig}; every setting starts at its default. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of("data");
        private boolean inMemory;
        private boolean loadBundled = true;
        private int queryTimeoutSeconds = 10;
        private Path tokenFile;
        private String adminToken;
        private String storeUrl;
        private long refreshMillis = 1000;
        private long maxResultRows = 10_000;
        private long maxJsonBytes = 1L << 20;
        private long maxUploadBytes = 16L << 20;
        private org.guidelinekb.cds.CdsJwtSettings cdsJwt = org.guidelinekb.cds.CdsJwtSettings.NONE;
        private int reasonerCacheVersions = org.guidelinekb.reasoner.Reasoner.DEFAULT_BUDGET;
        private String publicUrl;

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder inMemory(boolean v) { inMemory = v; return this; }
        public Builder loadBundled(boolean v) { loadBundled = v; return this; }
        public Builder queryTimeoutSeconds(int v) { queryTimeoutSeconds = v; return this; }
        public Builder tokenFile(Path v) { tokenFile = v; return this; }
        public Builder adminToken(String v) { adminToken = v; return this; }
        public Builder storeUrl(String v) { storeUrl = v; return this; }
        public Builder refreshMillis(long v) { refreshMillis = v; return this; }
        public Builder maxResultRows(long v) { maxResultRows = v; return this; }
        public Builder maxJsonBytes(long v) { maxJsonBytes = v; return this; }
        public Builder maxUploadBytes(long v) { maxUploadBytes = v; return this; }
        public Builder cdsJwt(org.guidelinekb.cds.CdsJwtSettings v) { cdsJwt = v; return this; }
        public Builder reasonerCacheVersions(int v) { reasonerCacheVersions = v; return this; }
        public Builder publicUrl(String v) { publicUrl = v == null || v.isBlank() ? null : v.strip().replaceAll("/+$", ""); return this; }

        public AppConfig build() {
            return new AppConfig(host, port, dataDir, inMemory, loadBundled, queryTimeoutSeconds, tokenFile, adminToken, storeUrl,
                    refreshMillis, maxResultRows, cdsJwt,
                    maxJsonBytes, maxUploadBytes, publicUrl, reasonerCacheVersions);
        }
    }
}

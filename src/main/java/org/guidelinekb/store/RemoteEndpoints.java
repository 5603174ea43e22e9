package org.guidelinekb.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Where a remote SPARQL 1.1 store answers and how to authenticate. By default the endpoints follow Fuseki's
 * layout under the dataset URL ({@code /sparql}, {@code /update}, {@code /data}); each can be set on its own for
 * other engines. Credentials come from the environment only, never from flags (they would show in process lists).
 *
 * <p>{@code timeoutParam}: the request parameter that asks the store to stop a query after a number of seconds
 * (Fuseki and GraphDB read {@code timeout} that way; null: none is sent, rely on the store's own timeout).
 */
public record RemoteEndpoints(String dataset, String query, String update, String gsp, String authorization, String timeoutParam) {
    public static final String DEFAULT_TIMEOUT_PARAM = "timeout";

    /**
     * From a dataset URL and the environment (GKB_STORE_QUERY/UPDATE/GSP, GKB_STORE_USER + GKB_STORE_PASSWORD or
     * GKB_STORE_TOKEN, GKB_STORE_TIMEOUT_PARAM: empty to send none).
     */
    public static RemoteEndpoints of(String datasetUrl, Map<String, String> env) {
        String base = datasetUrl.endsWith("/") ? datasetUrl.substring(0, datasetUrl.length() - 1) : datasetUrl;
        String auth = null;
        if (env.get("GKB_STORE_TOKEN") != null) {
            auth = "Bearer " + env.get("GKB_STORE_TOKEN");
        } else if (env.get("GKB_STORE_USER") != null) {
            String up = env.get("GKB_STORE_USER") + ":" + env.getOrDefault("GKB_STORE_PASSWORD", "");
            auth = "Basic " + Base64.getEncoder().encodeToString(up.getBytes(StandardCharsets.UTF_8));
        }
        String timeoutParam = env.getOrDefault("GKB_STORE_TIMEOUT_PARAM", DEFAULT_TIMEOUT_PARAM).strip();
        return new RemoteEndpoints(base, env.getOrDefault("GKB_STORE_QUERY", base + "/sparql"),
                env.getOrDefault("GKB_STORE_UPDATE", base + "/update"), env.getOrDefault("GKB_STORE_GSP", base + "/data"), auth,
                timeoutParam.isEmpty() ? null : timeoutParam);
    }

    /** The header map to send with every request (empty without credentials). */
    public Map<String, String> headers() {
        return authorization == null ? Map.of() : Map.of("Authorization", authorization);
    }

    @Override
    public String toString() {
        return "RemoteEndpoints[" + dataset + ", query=" + query + ", update=" + update + (authorization == null ? "" : ", with credentials") + "]";
    }
}

package org.guidelinekb.api;

import org.apache.jena.fuseki.main.FusekiServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;

/**
 * The Jetty settings of the one server Fuseki builds, applied after {@code build()} and before {@code start()}:
 * WebSocket support for the Javalin servlet, problem+json error pages, the connectors' URI compliance, header cache
 * and idle timeout, and the guard that refuses ambiguous URIs with a problem.
 */
public final class JettySettings {
    /** A connection that sends nothing for this long is closed (slow bodies: RequestLimits, docs/security.md). */
    static final long IDLE_TIMEOUT_MS = 30_000;

    private JettySettings() {}

    public static void apply(FusekiServer fuseki) {
        ServletContextHandler context = ServletContextHandler.getServletContextHandler(fuseki.getServletContext());
        JettyWebSocketServletContainerInitializer.configure(context, null); // Javalin's servlet expects it
        context.setErrorHandler(new ProblemErrorHandler());
        Server jetty = fuseki.getJettyServer();
        jetty.setErrorHandler(new ProblemErrorHandler.ServerLevel()); // errors Jetty raises before the context
        for (Connector connector : jetty.getConnectors()) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http == null) continue;
            // Suspect URIs reach AmbiguousUriGuard, which refuses them with a problem (Jetty's own refusal has no body)
            http.getHttpConfiguration().setUriCompliance(UriCompliance.UNSAFE);
            // Jetty caches header fields per connection and by default matches their values ignoring case, so a
            // bearer token differing from an earlier one only in case would be read as the earlier one: match exactly.
            http.getHttpConfiguration().setHeaderCacheCaseSensitive(true);
            if (connector instanceof AbstractConnector c) c.setIdleTimeout(IDLE_TIMEOUT_MS);
        }
        jetty.setHandler(new AmbiguousUriGuard(jetty.getHandler()));
    }
}

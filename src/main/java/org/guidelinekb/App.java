package org.guidelinekb;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.http.HttpServlet;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sys.JenaSystem;
import org.guidelinekb.api.ApiErrors;
import org.guidelinekb.api.BackupController;
import org.guidelinekb.api.CdsHooksController;
import org.guidelinekb.api.CompareController;
import org.guidelinekb.api.EvaluateController;
import org.guidelinekb.api.FhirController;
import org.guidelinekb.api.FusekiProblemFilter;
import org.guidelinekb.api.FusekiUiController;
import org.guidelinekb.api.UiFiles;
import org.guidelinekb.api.GuidelineController;
import org.guidelinekb.api.HealthController;
import org.guidelinekb.api.HistoryController;
import org.guidelinekb.api.JettySettings;
import org.guidelinekb.api.OpenApiController;
import org.guidelinekb.api.PublicUrl;
import org.guidelinekb.api.QueryController;
import org.guidelinekb.api.QuestionController;
import org.guidelinekb.api.RemoteSparqlController;
import org.guidelinekb.api.RequestLimits;
import org.guidelinekb.api.ResourceController;
import org.guidelinekb.api.RouteTable;
import org.guidelinekb.api.SecurityHeadersFilter;
import org.guidelinekb.api.SparqlProtocolFilter;
import org.guidelinekb.api.WebPagesController;
import org.guidelinekb.auth.WriteTokens;
import org.guidelinekb.backup.Backup;
import org.guidelinekb.cds.CardSecret;
import org.guidelinekb.cds.CdsHooks;
import org.guidelinekb.cds.CdsJwtVerifier;
import org.guidelinekb.queries.ApiQueries;
import org.guidelinekb.queries.QueryService;
import org.guidelinekb.queries.ResourceDescriber;
import org.guidelinekb.queries.DeadlineExecutor;
import org.guidelinekb.questions.Questions;
import org.guidelinekb.sparqlendpoint.GuardedQueryService;
import org.guidelinekb.sparqlendpoint.QueryCanceller;
import org.guidelinekb.sparqlendpoint.ResultCap;
import org.guidelinekb.util.Json;
import org.guidelinekb.util.Parallel;
import org.slf4j.LoggerFactory;

/**
 * The one wiring place: configuration → store → queries → model → services → one HTTP server.
 *
 * <p>Fuseki and the Javalin API share one Jetty server and one port. Fuseki's builder owns the Jetty server
 * (it serves the read-only dataset {@code /kb}); Javalin runs as a servlet mounted at {@code /*} in Fuseki's servlet
 * context. Fuseki's filter answers the dataset's paths first and passes every other request down the chain to
 * Javalin. Javalin's servlet expects Jetty's WebSocket support in its context, so it is configured on that context
 * before start.
 */
public final class App implements AutoCloseable {
    public static final String DATASET = "/kb";

    private final AppConfig config;
    private final KnowledgeBase kb;
    private final FusekiServer server;
    private final QueryCanceller canceller;
    private final QueryService namedQueries;
    /** The workers of the public SPARQL endpoint when it forwards to a remote store (threads start on demand). */
    private final DeadlineExecutor forwardedQueries = new DeadlineExecutor(16);
    private boolean closed;
    private Supplier<List<RouteTable.Route>> routeTable;

    private App(AppConfig config, KnowledgeBase kb) {
        this.config = config;
        this.kb = kb;
        this.canceller = new QueryCanceller(config.queryTimeoutSeconds() * 1000L);
        this.namedQueries = new QueryService(kb.store(), ApiQueries.of(kb.queries()), kb.catalog(),
                Duration.ofSeconds(config.queryTimeoutSeconds()));
        this.server = buildServer(kb.store().localDataset().orElse(null), javalin());
    }

    /** Opens the store, loads what is needed and starts the server. */
    public static App start(AppConfig config, Consumer<String> progress) {
        JenaSystem.init(); // on this thread, before any other thread touches Jena (its class initialisers deadlock in a race)
        Parallel.aside("gkb-server-preinit", App::preinitialise); // its result is not needed: it only warms classes
        KnowledgeBase kb = KnowledgeBase.open(config, progress);
        App app = null;
        try {
            app = new App(config, kb);
            app.server.start();
            kb.reasoner().startCompiling(); // after the server listens: the start-up does not share the CPU with it
            return app;
        } catch (RuntimeException e) {
            if (app != null) app.close();
            else kb.close();
            throw e;
        }
    }

    public static App start(AppConfig config) {
        return start(config, msg -> { });
    }

    /**
     * Loads and initialises the web server's classes (Javalin, Jetty, Fuseki's builder, the JSON mapper) on a second
     * core while the knowledge base opens on the first, by building a throwaway server that is never started: the
     * real one is built after the knowledge base, and most of its cost is first-time class initialisation. (The idea
     * of Spring Boot's background pre-initialiser.) Returns null; nothing it builds is kept.
     */
    private static Void preinitialise() {
        Javalin.create(cfg -> {
            common(cfg);
            cfg.routes.get("/", ctx -> ctx.result(""));
        });
        FusekiServer.create().port(0).loopback(true).build();
        return null;
    }

    /** What the real and the throwaway Javalin share. */
    private static void common(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.startupWatcherEnabled = false; // Javalin runs as a servlet inside Fuseki's Jetty, never started on its own
        cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
    }

    private Javalin javalin() {
        return Javalin.create(cfg -> {
            common(cfg);
            cfg.http.maxRequestSize = config.maxUploadBytes();
            cfg.appData(PublicUrl.KEY, this::publicBaseUrl); // links never from the Host header
            routes(cfg);
        });
    }

    /** Every route of the server, in one place. */
    private void routes(JavalinConfig cfg) {
        ApiErrors.register(cfg.routes);
        new RequestLimits(config.maxJsonBytes(), config.maxUploadBytes()).routes(cfg.routes);
        new HealthController(kb.store(), kb.reasoner()::index).routes(cfg.routes);
        WriteTokens tokens = WriteTokens.from(config.adminToken(), config.tokenFile());
        WriteTokens.warnings(config.adminToken(), config.tokenFile()).forEach(w -> LoggerFactory.getLogger(App.class).warn(w));
        new GuidelineController(kb.versions(), tokens).routes(cfg.routes);
        new BackupController(new Backup(kb.store(), kb.queries()), tokens).routes(cfg.routes);
        new CompareController(kb.versions()).routes(cfg.routes);
        new HistoryController(kb.versions()).routes(cfg.routes);
        new QuestionController(new Questions(kb.store(), kb.queries(), kb.catalog())).routes(cfg.routes);
        new EvaluateController(kb.reasoner()).routes(cfg.routes);
        new FhirController(kb.fhirExport(), kb.fhirImport(), tokens).routes(cfg.routes); // FHIR CPG (docs/fhir.md)
        byte[] cardSecret = config.inMemory() ? CardSecret.ephemeral() : CardSecret.load(config.dataDir());
        new CdsHooksController(new CdsHooks(kb.reasoner(), kb.store(), kb.queries(), Clock.systemUTC(), config.cdsJwt(), cardSecret),
                new CdsJwtVerifier(config.cdsJwt(), Clock.systemUTC()), config.cdsJwt().feedbackOpen()).routes(cfg.routes);
        if (kb.store().localDataset().isEmpty()) {
            Duration timeout = Duration.ofSeconds(config.queryTimeoutSeconds());
            ResultCap cap = new ResultCap(config.maxResultRows());
            for (String path : List.of(DATASET, FusekiUiController.UI_PATH + DATASET)) {
                new RemoteSparqlController(kb.store(), path, forwardedQueries, timeout, cap).routes(cfg.routes);
            }
        }
        new FusekiUiController(DATASET).routes(cfg.routes);
        new UiFiles(FusekiUiController.UI_PATH).routes(cfg.routes); // after every other /ui/ route: the query editor's files
        new QueryController(namedQueries).routes(cfg.routes);
        new ResourceController(new ResourceDescriber(kb.store(), kb.queries())).routes(cfg.routes);
        new WebPagesController().routes(cfg.routes); // the web pages for people
        routeTable = RouteTable.of(cfg);
        new OpenApiController(namedQueries.queries(), routeTable).routes(cfg.routes); // documents every route above
    }

    /** {@code dsg} is the local dataset Fuseki serves read-only; null for a remote store (then the API forwards). */
    private FusekiServer buildServer(DatasetGraph dsg, Javalin javalin) {
        FusekiServer.Builder builder = FusekiServer.create()
                .registerOperation(Operation.Query, new GuardedQueryService(canceller, config.maxResultRows()))
                .port(config.port())
                .loopback(config.host().equals("127.0.0.1") || config.host().equals("localhost"));
        if (dsg != null) {
            builder.add(DATASET, dsg, false)                              // read-only: query and GSP read only
                   .add(FusekiUiController.UI_PATH + DATASET, dsg, false); // the same dataset where the query UI looks for it
        }
        FusekiServer fuseki = builder
                .addFilter("/*", new SecurityHeadersFilter())
                .addFilter("/*", new RequestLimits(config.maxJsonBytes(), config.maxUploadBytes())) // bodies counted as they stream in
                .addFilter(DATASET + "/*", new FusekiProblemFilter())
                .addFilter(DATASET + "/*", protocolFilter(DATASET))
                .addFilter(FusekiUiController.UI_PATH + DATASET + "/*", new FusekiProblemFilter())
                .addFilter(FusekiUiController.UI_PATH + DATASET + "/*", protocolFilter(FusekiUiController.UI_PATH + DATASET))
                .enablePing(false)
                .enableStats(false)
                .addServlet("/*", (HttpServlet) javalin.javalinServlet())
                .build();
        JettySettings.apply(fuseki);
        return fuseki;
    }

    private SparqlProtocolFilter protocolFilter(String path) {
        return new SparqlProtocolFilter(path, kb.store(), kb.queries(), new ResultCap(config.maxResultRows()), this::publicBaseUrl);
    }

    /**
     * The base URL of links the server hands out (service description, CDS cards, pages): {@code --public-url}, or
     * else the listening address; never a request's Host header.
     */
    public String publicBaseUrl() {
        if (config.publicUrl() != null) return config.publicUrl();
        String host = config.host();
        // all interfaces or loopback: localhost (as baseUrl()); a named interface: its address
        boolean local = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("127.0.0.1")
                || host.equals("::1") || host.equals("[::1]") || host.equals("localhost");
        String h = local ? "localhost" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    public int port() {
        return server.getHttpPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public AppConfig config() { return config; }
    /** Every route the API registered (method, path), read from Javalin's router: the hardening tests cover each one. */
    public List<RouteTable.Route> routes() { return routeTable.get(); }
    public KnowledgeBase kb() { return kb; }

    /** Stops the server (in-flight requests finish) and closes the store. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            if (server != null) server.stop();
            canceller.close();
            forwardedQueries.close();
            namedQueries.close();
        } finally {
            kb.close();
        }
    }
}

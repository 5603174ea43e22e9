package org.guidelinekb.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Limits on request bodies, checked before anything reads one, as a servlet filter in front of both the SPARQL
 * endpoint and the API: a query to the dataset's paths ({@code /kb/*}) over {@value #MAX_QUERY_BYTES} bytes, a JSON
 * body over the JSON limit (default 1 MB) or any other body over the upload limit → 413. A body sent without a
 * length (chunked) is counted while it streams in and refused as soon as it passes the limit; one within the limit
 * is handed on from memory. A Content-Type with a malformed parameter or an unknown charset → 400. As a route
 * filter: a JSON route sent another content type → 415. All answer {@code application/problem+json}.
 */
public final class RequestLimits implements Filter {
    /** Routes whose body must be JSON (path prefixes). */
    static final List<String> JSON_ROUTES = List.of("/api/evaluate", "/cds-services");
    /** The dataset's paths: SPARQL queries (the query UI's copy of the dataset included). */
    static final List<String> QUERY_ROUTES = List.of("/kb", "/ui/kb");
    /** Largest SPARQL request body (a query, or a form holding one). */
    public static final long MAX_QUERY_BYTES = 1L << 20;
    /**
     * Slow request bodies one client (remote address) may be sending at once; more → 429. A body counts once it has
     * been arriving for {@value #SLOW_AFTER_MILLIS} ms: a body that arrives at once never does, so many concurrent
     * clients behind one address (a gateway, a load test) are not refused for being many.
     */
    public static final int MAX_BODIES_PER_CLIENT = 4;
    static final long SLOW_AFTER_MILLIS = 1_000;
    /** The slowest average rate a body may arrive at, after the first {@value #RATE_GRACE_MILLIS} ms. */
    public static final long MIN_BYTES_PER_SECOND = 1024;
    static final long RATE_GRACE_MILLIS = 5_000;
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> bodiesInProgress = new java.util.concurrent.ConcurrentHashMap<>();
    private final long maxJsonBytes;
    private final long maxUploadBytes;

    public RequestLimits(long maxJsonBytes, long maxUploadBytes) {
        this.maxJsonBytes = maxJsonBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    public void routes(RoutesConfig r) {
        r.before(this::checkType);
    }

    private void checkType(Context ctx) {
        HandlerType m = ctx.method();
        if (m != HandlerType.POST && m != HandlerType.PUT && m != HandlerType.PATCH) return;
        String raw = ctx.header("Content-Type");
        String type = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        checkParameters(type); // also for an empty body, which the filter lets pass
        if (isJsonRoute(ctx.path()) && !isJson(type)) {
            throw new io.javalin.http.HttpResponseException(415,
                    "send the body as application/json (got " + (type.isEmpty() ? "no content type" : type) + ")");
        }
    }

    private static boolean isJsonRoute(String path) {
        return JSON_ROUTES.stream().anyMatch(path::startsWith);
    }

    private static boolean isJson(String type) {
        return type.startsWith("application/json") || type.matches("application/[a-z.+-]*\\+json.*");
    }

    /** The largest body a request to {@code path} with content type {@code type} may send. */
    long limitFor(String path, String type) {
        if (QUERY_ROUTES.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))) return MAX_QUERY_BYTES;
        return isJson(type) || isJsonRoute(path) ? maxJsonBytes : maxUploadBytes;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && request.getHeader("Transfer-Encoding") != null;
        if (length <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        // raw: Jetty fails on an unknown charset
        String type = request.getHeader("Content-Type") == null ? "" : request.getHeader("Content-Type").toLowerCase(Locale.ROOT);
        String path = request.getRequestURI();
        long limit = limitFor(path, type);
        // a refused body is read (and dropped) first when it is not too large, so the client is not still sending
        // when the answer comes and the connection closes: it then reliably sees the answer
        boolean drainable = !chunked && length <= 4 * limit;
        try {
            checkParameters(type);
        } catch (io.javalin.http.HttpResponseException e) {
            refuse(request, response, e.getStatus(), e.getMessage(), !(drainable && drain(request.getInputStream())));
            return;
        }
        if (length > limit) {
            refuse(request, response, 413, tooLarge(limit), !(drainable && drain(request.getInputStream())));
            return;
        }
        String client = request.getRemoteAddr();
        boolean[] counted = {false};
        byte[] body;
        try {
            body = readBody(request.getInputStream(), limit, () -> {
                counted[0] = true;
                if (bodiesInProgress.merge(client, 1, Integer::sum) > MAX_BODIES_PER_CLIENT) throw new TooManyBodies();
            });
        } catch (TooManyBodies e) {
            response.setHeader("Retry-After", "5");
            refuse(request, response, 429, "this client is already sending " + MAX_BODIES_PER_CLIENT
                    + " slow request bodies; send the next one when one of them has been answered", true);
            return;
        } catch (SlowBody e) {
            refuse(request, response, 408, e.getMessage(), true);
            return;
        } finally {
            if (counted[0]) release(client);
        }
        if (body.length > limit) {
            refuse(request, response, 413, tooLarge(limit), true); // stop reading: the rest is never read
            return;
        }
        BufferedBodyRequest buffered;
        try {
            buffered = new BufferedBodyRequest(request, body);
        } catch (IllegalArgumentException e) {
            refuse(request, response, 400, "the form body is not application/x-www-form-urlencoded", false); // read whole
            return;
        }
        chain.doFilter(buffered, response);
    }

    private void release(String client) {
        bodiesInProgress.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * The body, read whole up to {@code limit + 1} bytes (more means too large). After a grace of
     * {@value #RATE_GRACE_MILLIS} ms a client sending fewer than {@value #MIN_BYTES_PER_SECOND} bytes a second on
     * average is cut off: it holds a server thread while it sends.
     */
    private static byte[] readBody(InputStream in, long limit, Runnable slow) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long t0 = System.nanoTime();
        boolean slowCounted = false;
        int n;
        while (out.size() <= limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit + 1 - out.size()))) > 0) {
            out.write(buf, 0, n);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (millis > SLOW_AFTER_MILLIS && !slowCounted) {
                slowCounted = true;
                slow.run(); // counts against the client's slow bodies, or refuses (TooManyBodies)
            }
            if (millis > RATE_GRACE_MILLIS && out.size() < MIN_BYTES_PER_SECOND * millis / 1000) {
                throw new SlowBody("the request body came slower than " + MIN_BYTES_PER_SECOND + " bytes a second");
            }
        }
        return out.toByteArray();
    }

    /** A body sent too slowly. */
    /** A client already sending as many slow bodies as it may. */
    private static final class TooManyBodies extends RuntimeException {
        TooManyBodies() {
            super(null, null, false, false);
        }
    }

    private static final class SlowBody extends IOException {
        SlowBody(String message) {
            super(message);
        }
    }

    private static boolean drain(InputStream in) {
        try (in) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return true;
        } catch (IOException e) {
            return false; // the client went away; nothing to answer
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String detail,
                               boolean close) throws IOException {
        if (close) response.setHeader("Connection", "close");
        new Problem(ApiErrors.typeFor(status), status, detail).write(response, request.getRequestURI());
    }

    /**
     * A Content-Type whose parameters are not {@code name=value}, or whose charset is unknown, is refused here with
     * 400: the framework would fail on it later while reading the body.
     */
    static void checkParameters(String type) {
        String[] parts = type.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) throw badType(type, "parameter '" + p + "' is not name=value");
            if (p.substring(0, eq).strip().equals("charset")) {
                String cs = p.substring(eq + 1).strip().replace("\"", "");
                try {
                    if (!java.nio.charset.Charset.isSupported(cs)) throw badType(type, "unknown charset '" + cs + "'");
                } catch (java.nio.charset.IllegalCharsetNameException e) {
                    throw badType(type, "unknown charset '" + cs + "'");
                }
            }
        }
    }

    private static io.javalin.http.HttpResponseException badType(String type, String why) {
        return new io.javalin.http.HttpResponseException(400, "malformed Content-Type '" + type + "': " + why);
    }

    private static String tooLarge(long limit) {
        return "the request body is larger than the limit of " + limit + " bytes";
    }
}

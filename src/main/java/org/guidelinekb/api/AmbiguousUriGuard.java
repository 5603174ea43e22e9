package org.guidelinekb.api;

import org.guidelinekb.util.Json;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.guidelinekb.error.ProblemType;

/**
 * Refuses request URIs that Jetty finds ambiguous or suspect (an encoded '/', '.' or '..' segment such as
 * {@code %2e%2e} or {@code %2F}, an encoded control character such as {@code %00}) with a 400 problem+json,
 * before any handler sees them. Without it Jetty answers such requests with
 * an empty 400 of its own; no resource of this server is ever named that way.
 */
public final class AmbiguousUriGuard extends Handler.Wrapper {
    private static final long MAX_DRAINED = 16L << 20;

    public AmbiguousUriGuard(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHttpURI().isAmbiguous() || request.getHttpURI().hasViolations()) {
            String path = request.getHttpURI().getPath();
            Problem p = new Problem(ProblemType.INVALID_INPUT, 400,
                    "the request path is ambiguous or holds characters no resource of this server has (an encoded '/', '.', "
                            + "'..', a control character, ...); name the resource without them");
            byte[] body = Json.MAPPER.writeValueAsBytes(p.body(path));
            response.setStatus(400);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            // read (and drop) a body of reasonable size first, so the client is not still sending when the answer
            // comes; the connection is then closed anyway, and the answer says so
            long length = request.getLength();
            if (length > 0 && length <= MAX_DRAINED) {
                try (var in = Content.Source.asInputStream(request)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException e) {
                    // the client went away
                }
            }
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}

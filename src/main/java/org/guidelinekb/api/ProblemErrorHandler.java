package org.guidelinekb.api;

import org.guidelinekb.util.Json;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Errors raised below the API (Fuseki's SPARQL endpoint, Jetty itself: unknown paths, oversized requests) are
 * answered as {@code application/problem+json} too, never as an HTML page or a stack trace.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                 List<Charset> charsets, int code, String message, Throwable cause) {
        return writeProblem(request, response, callback, code, message);
    }

    /** The same for errors Jetty raises before any context (a request line it cannot parse, ...). */
    public static final class ServerLevel extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause) {
            // Jetty closes the connection after a request it could not parse: say so, so clients do not reuse it
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            return writeProblem(request, response, callback, code, message);
        }
    }

    static boolean writeProblem(Request request, Response response, Callback callback, int code, String message) {
        String detail = message == null || message.isBlank() ? ApiErrors.typeFor(code).title() : message.strip();
        Problem p = new Problem(ApiErrors.typeFor(code), code, detail);
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(p.body(request.getHttpURI().getPath()));
        } catch (JsonProcessingException e) {
            body = ("{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}

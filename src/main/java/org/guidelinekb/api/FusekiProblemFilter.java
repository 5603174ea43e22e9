package org.guidelinekb.api;

import org.guidelinekb.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.guidelinekb.error.QueryTimeoutException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Fuseki writes its own error bodies as {@code text/plain} (a SPARQL syntax error, a refused update). On the
 * dataset's paths this filter catches an error status before its body is written and answers the same status and
 * message as {@code application/problem+json}, like every other error of the server. An error that already is a
 * problem (written by our own routes on these paths, e.g. the remote store's endpoint) passes through as written.
 */
public final class FusekiProblemFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        Capture capture = new Capture(response);
        chain.doFilter(request, capture);
        if (capture.status >= 400 && capture.isProblem()) {
            // already a problem (our own routes on these paths: the remote store's SPARQL endpoint): as it was written
            byte[] body = capture.buffer.toByteArray();
            response.setStatus(capture.status);
            response.setContentType(capture.type);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else if (capture.status >= 400) {
            String detail = detail(capture);
            Problem p = timedOut(capture.status, detail)
                    ? ApiErrors.problem(new QueryTimeoutException(detail))
                    : new Problem(ApiErrors.typeFor(capture.status), capture.status, detail);
            p.write(response, request.getRequestURI());
        }
    }

    /**
     * What the client is told. A 4xx speaks of the caller's own request (a syntax error names the line), cut to
     * {@value #MAX_DETAIL} characters. A 5xx body is Fuseki's or an exception's text — never the caller's to read:
     * only the timeout keeps its words, every other failure gets a fixed sentence (Fuseki's log has the rest).
     */
    static String detail(Capture capture) {
        String said = capture.buffer.toString(StandardCharsets.UTF_8).strip();
        if (said.isEmpty() && capture.message != null) said = capture.message.strip();
        if (capture.status >= 500 && !timedOut(capture.status, said)) return "The SPARQL endpoint failed to answer; the server log has the details.";
        if (said.isEmpty()) return ApiErrors.typeFor(capture.status).title();
        return said.length() <= MAX_DETAIL ? said : said.substring(0, MAX_DETAIL) + " …";
    }

    static final int MAX_DETAIL = 1000;

    /** Fuseki's answer to a query stopped at its timeout (ours, set on every public query): 503 "Query timed out". */
    static boolean timedOut(int status, String detail) {
        return status == 503 && detail.toLowerCase(java.util.Locale.ROOT).contains("timed out");
    }

    /** Passes a success through untouched; holds back the body of an error. */
    private static final class Capture extends HttpServletResponseWrapper {
        int status = 200;
        String message;
        /** The content type last set (an error's is held back with its body). */
        String type;
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Capture(HttpServletResponse response) {
            super(response);
        }

        @Override public void setStatus(int sc) {
            status = sc;
            if (sc < 400) super.setStatus(sc);
        }

        /** The status the client gets (Fuseki's request log reads it: a refused request is logged as such). */
        @Override public int getStatus() {
            return status >= 400 ? status : super.getStatus();
        }

        @Override public void sendError(int sc, String msg) {
            status = sc;
            message = msg;
        }

        @Override public void sendError(int sc) {
            status = sc;
        }

        @Override public void setContentType(String type) {
            this.type = type;
            if (status < 400) super.setContentType(type);
        }

        boolean isProblem() {
            return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(Problem.CONTENT_TYPE);
        }

        @Override public void setContentLength(int len) {
            if (status < 400) super.setContentLength(len);
        }

        @Override public void setContentLengthLong(long len) {
            if (status < 400) super.setContentLengthLong(len);
        }

        @Override public ServletOutputStream getOutputStream() throws IOException {
            if (status < 400) return super.getOutputStream();
            return new ServletOutputStream() {
                @Override public boolean isReady() { return true; }
                @Override public void setWriteListener(WriteListener l) { }
                @Override public void write(int b) { buffer.write(b); }
                @Override public void write(byte[] b, int off, int len) { buffer.write(b, off, len); }
            };
        }

        @Override public PrintWriter getWriter() throws IOException {
            if (status < 400) return super.getWriter();
            return new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8), true);
        }

        @Override public void flushBuffer() throws IOException {
            if (status < 400) super.flushBuffer();
        }
    }
}

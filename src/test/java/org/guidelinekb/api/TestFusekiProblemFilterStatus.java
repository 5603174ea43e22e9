package org.guidelinekb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Fuseki writes its request log line (NCSA) from the response's status while the request is still inside the
 * filter chain. {@link FusekiProblemFilter} holds an error back to rewrite it as a problem; the status read inside
 * the chain must still be the error's (issue 18: a refused {@code DELETE /kb} was logged as 200).
 */
class TestFusekiProblemFilterStatus {

    @Test void the_status_seen_inside_the_chain_is_the_refusal_and_the_client_gets_a_problem() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        StringBuilder type = new StringBuilder();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "setStatus" -> { status.set((Integer) args[0]); yield null; }
                    case "getStatus" -> status.get();
                    case "setContentType" -> { type.setLength(0); type.append(args[0]); yield null; }
                    case "getOutputStream" -> new ServletOutputStream() {
                        @Override public boolean isReady() { return true; }
                        @Override public void setWriteListener(WriteListener l) { }
                        @Override public void write(int b) { body.write(b); }
                    };
                    default -> null;
                });
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> m.getName().equals("getRequestURI") ? "/kb" : null);
        AtomicInteger logged = new AtomicInteger();
        new FusekiProblemFilter().doFilter(request, response, (req, res) -> {
            HttpServletResponse r = (HttpServletResponse) res;
            r.setStatus(405); // as Fuseki refuses a DELETE on the read-only dataset
            r.getOutputStream().write("Method not allowed\n".getBytes(StandardCharsets.UTF_8));
            logged.set(r.getStatus()); // what Fuseki's request log reads
        });
        assertEquals(405, logged.get(), "the request log's status");
        assertEquals(405, status.get(), "the client's status");
        assertTrue(type.toString().startsWith("application/problem+json"), type.toString());
        assertTrue(body.toString(StandardCharsets.UTF_8).contains("\"status\":405"), body.toString(StandardCharsets.UTF_8));
    }
}

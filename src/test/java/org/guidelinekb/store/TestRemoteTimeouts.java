package org.guidelinekb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpTimeoutException;
import java.util.Map;

import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.junit.jupiter.api.Test;

/** How the remote store tells a query's timeout from an unreachable store, and what it sends the store. */
class TestRemoteTimeouts {

    @Test void the_timeout_is_sent_in_whole_seconds_rounded_up() {
        assertEquals("10", RemoteReader.seconds(10_000));
        assertEquals("2", RemoteReader.seconds(1_500));
        assertEquals("1", RemoteReader.seconds(250));
        assertEquals("1", RemoteReader.seconds(0));
    }

    @Test void timeouts_are_the_query_s_fault_other_failures_the_store_s() {
        assertTrue(RemoteStore.timedOut(new HttpException("wait", new HttpTimeoutException("request timed out"))));
        assertTrue(RemoteStore.timedOut(new QueryExceptionHTTP(503, "Query timed out")));
        assertFalse(RemoteStore.timedOut(new QueryExceptionHTTP(503, "Service Unavailable")));
        assertFalse(RemoteStore.timedOut(new HttpException("connection refused", new java.net.ConnectException("Connection refused"))));
        assertFalse(RemoteStore.timedOut(new HttpException("no answer", new java.net.http.HttpConnectTimeoutException("HTTP connect timed out"))),
                "a store host that does not answer is the store's fault, not the query's");
        assertFalse(RemoteStore.timedOut(new QueryExceptionHTTP(500, "Server Error")));
    }

    @Test void an_unreachable_store_is_named_by_its_cause_not_the_request_url() {
        String m = RemoteStore.rootCause(new HttpException("Unexpected error making the query: GET http://h/kb/sparql?query=SELECT...",
                new java.net.ConnectException("Connection refused")));
        assertEquals("ConnectException: Connection refused", m);
        assertEquals("HTTP 401 Unauthorized", RemoteStore.rootCause(new QueryExceptionHTTP(401, "Unauthorized")));
    }

    @Test void the_timeout_parameter_is_fuseki_s_by_default_and_can_be_named_or_left_out() {
        assertEquals("timeout", RemoteEndpoints.of("http://h:3030/kb", Map.of()).timeoutParam());
        assertEquals("query-timeout", RemoteEndpoints.of("http://h:3030/kb", Map.of("GKB_STORE_TIMEOUT_PARAM", "query-timeout")).timeoutParam());
        assertEquals(null, RemoteEndpoints.of("http://h:3030/kb", Map.of("GKB_STORE_TIMEOUT_PARAM", "")).timeoutParam());
    }
}

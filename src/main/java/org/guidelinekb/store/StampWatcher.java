package org.guidelinekb.store;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Node;
import org.guidelinekb.sparql.QueryLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For replicas over a shared store: polls the catalog stamp and runs {@code onChange} when another replica changed
 * the content, so caches (the reasoner's compiled index) follow within one poll interval. An unreachable store is
 * skipped quietly; polling resumes by itself when it comes back.
 */
public final class StampWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StampWatcher.class);
    private final ScheduledExecutorService timer;
    private volatile String last;

    public StampWatcher(KnowledgeStore store, QueryLibrary queries, long intervalMillis, Runnable onChange) {
        this.last = stamp(store, queries);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gkb-stamp-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                String now = stamp(store, queries);
                if (!Objects.equals(now, last)) {
                    last = now;
                    onChange.run();
                }
            } catch (RuntimeException e) {
                LOG.debug("stamp check failed: {}", e.getMessage());
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private static String stamp(KnowledgeStore store, QueryLibrary queries) {
        try {
            return store.read(r -> {
                var rows = r.select(queries.get("internal/catalog-stamp"), Map.of());
                Node n = rows.hasNext() ? rows.next().get("stamp") : null;
                return n == null ? null : n.getLiteralLexicalForm();
            });
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

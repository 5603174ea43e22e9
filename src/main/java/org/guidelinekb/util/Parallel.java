package org.guidelinekb.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Independent pieces of CPU work (files to parse, queries to run) spread over the cores: one daemon thread per core
 * (the common fork-join pool has one thread fewer than the cores, which on 2 cores would be no spreading at all).
 */
public final class Parallel {
    private Parallel() {}

    private static final ThreadGroup GROUP = new ThreadGroup("gkb-parallel");
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
        Thread t = new Thread(GROUP, r, "gkb-parallel");
        t.setDaemon(true);
        return t;
    });

    /**
     * Applies {@code work} to every item on the pool; the results come in the items' order. When several items
     * fail, the failure of the first of them (in the items' order) is thrown, so the answer does not depend on
     * timing. Called from a pool thread, it runs in that thread (no task waits for a task behind it).
     */
    public static <T, R> List<R> map(List<T> items, Function<T, R> work) {
        if (items.size() <= 1) return items.stream().map(work).toList();
        return start(items, work).get();
    }

    /**
     * Starts {@code work} on every item and returns at once; {@code get()} waits for the results (in the items'
     * order, failures as {@link #map}), so that the caller can queue other work behind it and keep every core busy.
     */
    public static <T, R> java.util.function.Supplier<List<R>> start(List<T> items, Function<T, R> work) {
        if (Thread.currentThread().getThreadGroup() == GROUP) {
            List<R> done = items.stream().map(work).toList();
            return () -> done;
        }
        List<CompletableFuture<R>> futures = new ArrayList<>();
        for (T item : items) futures.add(CompletableFuture.supplyAsync(() -> work.apply(item), POOL));
        return () -> join(futures);
    }

    /**
     * Runs {@code work} on a new daemon thread of its own (not the pool: the pool may be busy with the work this is
     * meant to overlap) and returns at once; {@code get()} waits for its result and throws what it threw. The thread
     * is not one of the pool's, so {@code work} may spread its own pieces over the pool ({@link #map}).
     */
    public static <R> java.util.function.Supplier<R> aside(String name, java.util.function.Supplier<R> work) {
        CompletableFuture<R> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return () -> join(List.of(f)).get(0);
    }

    private static <R> List<R> join(List<CompletableFuture<R>> futures) {
        List<R> out = new ArrayList<>();
        for (CompletableFuture<R> f : futures) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error err) throw err;
                throw e;
            }
        }
        return out;
    }
}

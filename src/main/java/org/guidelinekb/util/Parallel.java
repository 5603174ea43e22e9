package org.guidelinekb.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** Independent pieces of CPU work (files to parse, queries to run) spread over the cores. */
public final class Parallel {
    private Parallel() {}

    /**
     * Applies {@code work} to every item on the common pool; the results come in the items' order. When several
     * items fail, the failure of the first of them (in the items' order) is thrown, so the answer does not depend on
     * timing.
     */
    public static <T, R> List<R> map(List<T> items, Function<T, R> work) {
        if (items.size() <= 1) return items.stream().map(work).toList();
        List<CompletableFuture<R>> futures = new ArrayList<>();
        for (T item : items) futures.add(CompletableFuture.supplyAsync(() -> work.apply(item)));
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

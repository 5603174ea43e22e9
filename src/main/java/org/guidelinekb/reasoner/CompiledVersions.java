package org.guidelinekb.reasoner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The compiled versions one {@link ReasonerIndex} holds (docs/scale.md, "Reasoner"): the pinned versions (the active
 * ones, what the first answers need) are always kept; any other version is compiled on first use and kept in a
 * least-recently-used set of at most {@code budget} versions. A version is compiled once even when several requests
 * ask for it at the same time. Thread-safe.
 */
final class CompiledVersions {
    private final int budget;
    private final Set<String> pinned;
    private final Map<String, CompiledVersion> kept = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, CompiledVersion> recent = new LinkedHashMap<>(16, 0.75f, true); // guarded by this
    private final Map<String, CompletableFuture<CompiledVersion>> compiling = new ConcurrentHashMap<>();

    CompiledVersions(int budget, Set<String> pinned) {
        if (budget < 0) throw new IllegalArgumentException("the compiled-version budget must be 0 or more, not " + budget);
        this.budget = budget;
        this.pinned = Set.copyOf(pinned);
    }

    /** The compiled version with that IRI, compiling it with {@code compile} when this set does not hold it. */
    CompiledVersion get(String iri, Function<String, CompiledVersion> compile) {
        CompiledVersion c = lookup(iri);
        if (c != null) return c;
        CompletableFuture<CompiledVersion> mine = new CompletableFuture<>();
        CompletableFuture<CompiledVersion> other = compiling.putIfAbsent(iri, mine);
        if (other != null) {
            try {
                return other.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw e;
            }
        }
        try {
            c = lookup(iri);
            if (c == null) {
                c = compile.apply(iri);
                put(iri, c);
            }
            mine.complete(c);
            return c;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            compiling.remove(iri);
        }
    }

    private CompiledVersion lookup(String iri) {
        CompiledVersion c = kept.get(iri);
        if (c != null) return c;
        synchronized (this) {
            return recent.get(iri);
        }
    }

    private void put(String iri, CompiledVersion c) {
        if (pinned.contains(iri)) {
            kept.put(iri, c);
            return;
        }
        synchronized (this) {
            recent.put(iri, c);
            var it = recent.entrySet().iterator();
            while (recent.size() > budget && it.hasNext()) {
                it.next();
                it.remove(); // the least recently used first
            }
        }
    }

    /** Whether this set holds the version compiled. */
    boolean holds(String iri) {
        return lookup(iri) != null;
    }

    /** The pinned versions' IRIs. */
    Set<String> pinned() {
        return pinned;
    }

    /** A copy of every compiled version held now, by IRI (a snapshot). */
    Map<String, CompiledVersion> snapshot() {
        Map<String, CompiledVersion> out = new LinkedHashMap<>(kept);
        synchronized (this) {
            out.putAll(recent);
        }
        return out;
    }

    /** How many versions outside the pinned ones are held (at most the budget). */
    synchronized int unpinnedCount() {
        return recent.size();
    }

    /**
     * The set for the next state of the knowledge base: the entries {@code keep} accepts, re-sorted between the new
     * pinned versions and the recently used ones (oldest use first, so the budget keeps the most recent).
     */
    CompiledVersions next(int budget, Set<String> pinned, Predicate<String> keep) {
        CompiledVersions n = new CompiledVersions(budget, pinned);
        Map<String, CompiledVersion> old;
        synchronized (this) {
            old = new LinkedHashMap<>(recent);
        }
        kept.forEach((iri, c) -> { if (keep.test(iri)) n.put(iri, c); });
        old.forEach((iri, c) -> { if (keep.test(iri)) n.put(iri, c); });
        return n;
    }
}

package org.guidelinekb.bench.jmh;

import org.guidelinekb.bench.EvaluationWorkload;
import org.guidelinekb.reasoner.Evaluation;
import org.guidelinekb.reasoner.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-process evaluation of one case against every guideline's active version ({@code POST /api/evaluate} minus
 * HTTP and JSON rendering). {@code kb}: "shipped" (in memory) or the path of a prepared TDB2 folder. {@code status}:
 * the status alone of every statement ({@code Reasoner.statuses}, the same request), what the CQL peer computes.
 * {@code statusPrepared}: the same on cases parsed in setup (the decision alone, as {@code cqlPrepared} is the engine's).
 */
@State(Scope.Benchmark)
public class EvaluateBench {
    @Param("shipped")
    public String kb;

    @Param("64")
    public int cases;

    private EvaluationWorkload workload;

    @Setup(Level.Trial)
    public void setup() {
        workload = EvaluationWorkload.open(kb, cases, 42);
    }

    @Benchmark
    public Evaluation ours() {
        return workload.evaluateNext();
    }

    /** How many statements apply, from the request JSON (every status read, as {@code CqlEvaluateBench.cql}). */
    @Benchmark
    public int status() {
        return workload.statusesNext().count(Status.APPLICABLE);
    }

    /**
     * How many statements apply (every status read, as {@code cqlPrepared} reads every define's value), for
     * {@link #BATCH} cases in turn, timed together: a clock reading costs about 20 ns, a fifth of one such case, and
     * timing each case alone would add it to every sample (JMH reports the time per case).
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int statusPrepared() {
        int n = 0;
        for (int i = 0; i < BATCH; i++) n += workload.preparedStatusesNext().count(Status.APPLICABLE);
        return n;
    }

    /** Cases a batch of {@link #statusPrepared} (and of {@code CqlEvaluateBench.cqlPrepared}). */
    public static final int BATCH = 64;

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }
}

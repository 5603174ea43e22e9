package org.guidelinekb.bench.jmh;

import org.guidelinekb.bench.EvaluationWorkload;
import org.guidelinekb.reasoner.Evaluation;
import org.guidelinekb.reasoner.Statuses;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-process evaluation of one case against every guideline's active version ({@code POST /api/evaluate} minus
 * HTTP and JSON rendering). {@code kb}: "shipped" (in memory) or the path of a prepared TDB2 folder. {@code status}:
 * the status alone of every statement ({@code Reasoner.statuses}, the same request), what the CQL peer computes.
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

    @Benchmark
    public Statuses status() {
        return workload.statusesNext();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }
}

package org.guidelinekb.bench.jmh;

import java.util.List;

import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.bench.Cases;
import org.guidelinekb.bench.CqlPeer;
import org.guidelinekb.bench.EvaluationWorkload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CQL peer of {@link EvaluateBench}: the reference CQL engine on the exported Library of every guideline's active
 * version (docs/fhir.md), the same cases (seed 42) as ours. Translation happens once, in setup.
 */
@State(Scope.Benchmark)
public class CqlEvaluateBench {
    @Param("shipped")
    public String kb;

    @Param("64")
    public int cases;

    private CqlPeer peer;
    private List<ObjectNode> caseList;
    private List<CqlPeer.Prepared> prepared;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        try (KnowledgeBase k = EvaluationWorkload.openKb(kb)) {
            peer = CqlPeer.of(k);
        }
        caseList = Cases.random(42, cases);
        prepared = caseList.stream().map(peer::prepare).toList();
    }

    /** From the case JSON: its parameters made, the engine run; how many statements apply. */
    @Benchmark
    public int cql() {
        ObjectNode c = caseList.get(next);
        next = (next + 1) % caseList.size();
        return peer.applicableCount(peer.prepare(c));
    }

    /**
     * The engine alone: the parameters of each case made in setup; how many statements apply, for
     * {@link EvaluateBench#BATCH} cases in turn timed together, as ours ({@link EvaluateBench#statusPrepared}).
     */
    @Benchmark
    @OperationsPerInvocation(EvaluateBench.BATCH)
    public int cqlPrepared() {
        int n = 0;
        for (int i = 0; i < EvaluateBench.BATCH; i++) {
            CqlPeer.Prepared c = prepared.get(next);
            next = (next + 1) % prepared.size();
            n += peer.applicableCount(c);
        }
        return n;
    }
}

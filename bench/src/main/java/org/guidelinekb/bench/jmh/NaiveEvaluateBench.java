package org.guidelinekb.bench.jmh;

import java.util.List;
import java.util.Set;

import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.bench.Cases;
import org.guidelinekb.bench.EvaluationWorkload;
import org.guidelinekb.bench.NaiveEvaluator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The naive peer of {@link EvaluateBench}: a Jena InfModel per case over the same versions and the same cases. */
@State(Scope.Benchmark)
public class NaiveEvaluateBench {
    @Param("shipped")
    public String kb;

    @Param("64")
    public int cases;

    private NaiveEvaluator naive;
    private List<ObjectNode> caseList;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        try (KnowledgeBase k = EvaluationWorkload.openKb(kb)) {
            naive = NaiveEvaluator.of(k);
        }
        caseList = Cases.random(42, cases);
    }

    @Benchmark
    public Set<String> naive() {
        ObjectNode c = caseList.get(next);
        next = (next + 1) % caseList.size();
        return naive.applicable(c);
    }
}

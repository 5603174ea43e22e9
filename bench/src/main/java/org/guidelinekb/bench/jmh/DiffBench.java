package org.guidelinekb.bench.jmh;

import org.guidelinekb.bench.DiffWorkload;
import org.guidelinekb.versioning.GuidelineDiff;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The clinical version diff of two versions in which {@code changed} statements all changed. */
@State(Scope.Benchmark)
public class DiffBench {
    @Param("1000")
    public int changed;

    private DiffWorkload workload;

    @Setup(Level.Trial)
    public void setup() {
        workload = DiffWorkload.generate(changed, 7);
    }

    @Benchmark
    public GuidelineDiff compare() {
        return workload.compare();
    }
}

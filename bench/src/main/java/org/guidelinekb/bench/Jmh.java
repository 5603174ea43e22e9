package org.guidelinekb.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Statistics;

/** Runs one JMH benchmark method (one fork, sample-time mode) and returns its latency distribution. */
public final class Jmh {
    private final Plan plan;
    private final List<String> jvmArgs;

    public Jmh(Plan plan, List<String> jvmArgs) {
        this.plan = plan;
        this.jvmArgs = jvmArgs;
    }

    /** Latency percentiles of one operation, in microseconds, and how many were sampled. */
    public record Sample(double p50Us, double p99Us, double p999Us, double meanUs, long n) {}

    public Sample run(Class<?> benchmark, String method, Map<String, String> params) {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include("^" + java.util.regex.Pattern.quote(benchmark.getName() + "." + method) + "$")
                .mode(Mode.SampleTime).timeUnit(TimeUnit.MICROSECONDS)
                .warmupIterations(plan.warmupIterations()).warmupTime(TimeValue.seconds(plan.iterationSeconds()))
                .measurementIterations(plan.measureIterations()).measurementTime(TimeValue.seconds(plan.iterationSeconds()))
                .forks(1).shouldFailOnError(true).jvmArgs(jvmArgs.toArray(String[]::new));
        params.forEach(o::param);
        try {
            Collection<RunResult> results = new Runner(o.build()).run();
            RunResult r = results.iterator().next();
            Statistics s = r.getPrimaryResult().getStatistics();
            BenchmarkParams bp = r.getParams();
            if (bp.getTimeUnit() != TimeUnit.MICROSECONDS) throw new IllegalStateException("unexpected unit " + bp.getTimeUnit());
            return new Sample(s.getPercentile(50), s.getPercentile(99), s.getPercentile(99.9), s.getMean(), s.getN());
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH run of " + benchmark.getSimpleName() + "." + method + " failed: " + e.getMessage(), e);
        }
    }
}

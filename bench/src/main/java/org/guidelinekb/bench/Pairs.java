package org.guidelinekb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Side-by-side rounds: A then B, repeated; the ratio of each pair, and the median of those ratios. */
public final class Pairs {
    private Pairs() {}

    /** One round's two measurements and their ratio (as the caller defines it). */
    public record Round(double a, double b, double ratio) {}

    /** Runs {@code rounds} interleaved rounds A B A B ...; {@code ratio} turns (a, b) into the pair's ratio. */
    public static List<Round> run(int rounds, Supplier<Double> a, Supplier<Double> b, java.util.function.BinaryOperator<Double> ratio) {
        List<Round> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            double x = a.get();
            double y = b.get();
            out.add(new Round(x, y, ratio.apply(x, y)));
        }
        return out;
    }

    public static double medianRatio(List<Round> rounds) {
        return median(rounds.stream().map(Round::ratio).toList());
    }

    public static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        if (s.isEmpty()) return Double.NaN;
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}

package org.guidelinekb.generate;

import java.util.ArrayList;
import java.util.List;

import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;

/**
 * What {@code gkb generate} makes: {@code guidelines} guidelines, each with {@code versions} versions, the first of
 * {@code recommendations} statements; from one version to the next each statement changes with probability
 * {@code changeRate}, and about {@code changeRate / 10} of the statements are removed and as many added. The same
 * settings always give the same files.
 */
public record GeneratorSettings(int guidelines, int versions, int recommendations, double changeRate, long seed) {

    /** Checks the ranges; every problem is reported at once (400 / exit 2). */
    public GeneratorSettings {
        List<FieldError> errors = new ArrayList<>();
        if (guidelines < 1 || guidelines > 10_000) errors.add(new FieldError("guidelines", "must be from 1 to 10000, not " + guidelines, null));
        if (versions < 1 || versions > 1_000) errors.add(new FieldError("versions", "must be from 1 to 1000, not " + versions, null));
        if (recommendations < 1 || recommendations > 1_000_000) {
            errors.add(new FieldError("recommendations", "must be from 1 to 1000000, not " + recommendations, null));
        }
        if (!(changeRate >= 0 && changeRate <= 1)) errors.add(new FieldError("change-rate", "must be from 0 to 1, not " + changeRate, null));
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid generator settings: " + String.join("; ",
                    errors.stream().map(e -> e.field() + " " + e.message()).toList()), errors);
        }
    }

    /** The i-th guideline's identifier ({@code dct:identifier}), e.g. {@code syn-g003}. */
    public String guidelineId(int i) {
        return String.format("syn-g%03d", i + 1);
    }
}

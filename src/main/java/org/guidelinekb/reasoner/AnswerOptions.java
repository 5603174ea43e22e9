package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How much of an evaluation the answer carries (docs/scale.md, "Evaluation answers"): {@code include} lists the
 * statuses whose recommendations are returned (default: all three), {@code explain} is {@code full} (default: every
 * criterion with its outcome and the reasons in words) or {@code summary} (no per-criterion trace: per recommendation
 * its id, status and what is missing; see {@link EvaluationJson}). The defaults give today's answer unchanged.
 */
public record AnswerOptions(Set<Status> include, Explain explain) {

    /** The level of explanation per recommendation. */
    public enum Explain {
        FULL("full"), SUMMARY("summary");

        private final String word;

        Explain(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static final AnswerOptions DEFAULT = new AnswerOptions(EnumSet.allOf(Status.class), Explain.FULL);
    static final List<String> STATUSES = Arrays.stream(Status.values()).map(Status::word).toList();
    static final List<String> EXPLAIN = Arrays.stream(Explain.values()).map(Explain::word).toList();

    public AnswerOptions {
        include = include.isEmpty() ? EnumSet.noneOf(Status.class) : EnumSet.copyOf(include);
    }

    public boolean isDefault() {
        return include.size() == Status.values().length && explain == Explain.FULL;
    }

    public boolean includes(Status s) {
        return include.contains(s);
    }

    /** The options of a request body ({@code "include"}, {@code "explain"}); each bad value is added to {@code errors}. */
    static AnswerOptions parse(JsonNode body, List<FieldError> errors) {
        JsonNode inc = body.get("include");
        List<String> include = null;
        if (inc != null && !inc.isNull()) {
            include = new ArrayList<>();
            if (!inc.isArray()) {
                errors.add(new FieldError("include", "must be an array of statuses, one or more of " + String.join(", ", STATUSES), null));
            } else {
                for (JsonNode s : inc) include.add(s.isTextual() ? s.textValue() : s.toString());
            }
        }
        JsonNode ex = body.get("explain");
        String explain = null;
        if (ex != null && !ex.isNull()) explain = ex.isTextual() ? ex.textValue() : ex.toString();
        return of(include, explain, errors);
    }

    /** Options from their words (the CLI's flags); null means the default. 400 naming the option and its allowed values. */
    public static AnswerOptions of(List<String> include, String explain) {
        List<FieldError> errors = new ArrayList<>();
        AnswerOptions o = of(include, explain, errors);
        if (!errors.isEmpty()) throw RequestJson.invalid(errors);
        return o;
    }

    private static AnswerOptions of(List<String> include, String explain, List<FieldError> errors) {
        Set<Status> statuses = EnumSet.allOf(Status.class);
        if (include != null) {
            statuses = EnumSet.noneOf(Status.class);
            for (String w : include) {
                Status s = Arrays.stream(Status.values()).filter(x -> x.word().equals(w)).findFirst().orElse(null);
                if (s == null) {
                    errors.add(new FieldError("include", "unknown status '" + w + "'; allowed: " + String.join(", ", STATUSES),
                            org.guidelinekb.util.Closest.of(w, STATUSES)));
                } else {
                    statuses.add(s);
                }
            }
            if (include.isEmpty()) errors.add(new FieldError("include", "must name at least one status of " + String.join(", ", STATUSES), null));
        }
        Explain level = Explain.FULL;
        if (explain != null) {
            level = Arrays.stream(Explain.values()).filter(x -> x.word().equals(explain)).findFirst().orElse(null);
            if (level == null) {
                errors.add(new FieldError("explain", "unknown level '" + explain + "'; allowed: " + String.join(", ", EXPLAIN),
                        org.guidelinekb.util.Closest.of(explain, EXPLAIN)));
                level = Explain.FULL;
            }
        }
        return new AnswerOptions(statuses, level);
    }
}

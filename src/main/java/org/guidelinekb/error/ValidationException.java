package org.guidelinekb.error;

import java.util.List;

/**
 * Content failed the knowledge model's rules (SHACL shapes or a violation query). Nothing was written.
 */
public final class ValidationException extends GkbException {
    private final List<Violation> violations;

    public ValidationException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override public ProblemType type() { return ProblemType.VALIDATION_FAILED; }

    /**
     * One broken rule. {@code rule} is the SHACL source shape or the violation query's name.
     */
    public record Violation(String file, String focusNode, String path, String message, String rule) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (file != null) sb.append(file).append(": ");
            sb.append(focusNode == null ? "-" : focusNode);
            if (path != null) sb.append(" ").append(path);
            sb.append(": ").append(message);
            if (rule != null) sb.append(" [").append(rule).append("]");
            return sb.toString();
        }
    }
}

package org.guidelinekb.reasoner;

import java.math.BigDecimal;
import java.util.function.UnaryOperator;

/**
 * A finding's key numbers in words, exactly as stored: "Hazard ratio 1.04 (95% CI 0.81-1.34), p = 0.79". One
 * wording for the reasoner's evidence and the CDS cards. The query rows name the fields {@code measure},
 * {@code value}, {@code ciLower}, {@code ciUpper}, {@code ciLevel} (a fraction), {@code pValue} and {@code pValueText}.
 */
public final class FindingNumbers {
    private FindingNumbers() {}

    /** Appends the numbers to {@code sb}; {@code field} gives a row field's value, or null when it has none. */
    public static StringBuilder append(StringBuilder sb, UnaryOperator<String> field, Concepts concepts) {
        String measure = field.apply("measure");
        if (measure != null) sb.append(concepts.labelOf(measure)).append(' ');
        String value = field.apply("value");
        if (value != null) sb.append(value);
        String lo = field.apply("ciLower");
        String hi = field.apply("ciUpper");
        if (lo != null && hi != null) {
            String level = field.apply("ciLevel");
            sb.append(" (").append(level == null ? "" : percent(level) + "% ").append("CI ").append(lo).append('-').append(hi).append(')');
        }
        String p = field.apply("pValue");
        String pText = field.apply("pValueText");
        if (p != null) sb.append(", p = ").append(p);
        else if (pText != null) sb.append(", p ").append(pText);
        return sb;
    }

    /** A fraction as a percentage, e.g. 0.95 → 95 (the text as it is when it is not a number). */
    static String percent(String fraction) {
        try {
            return new BigDecimal(fraction).movePointRight(2).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return fraction;
        }
    }
}

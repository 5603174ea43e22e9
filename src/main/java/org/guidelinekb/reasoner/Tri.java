package org.guidelinekb.reasoner;

/**
 * Kleene's three-valued logic: a criterion is met (TRUE), not met (FALSE) or UNKNOWN when the case does not say.
 * An attribute the case does not give is UNKNOWN, never FALSE.
 */
public enum Tri {
    TRUE("met"), FALSE("not-met"), UNKNOWN("unknown");

    // Outcome codes as bit sets of what the outcome can still be: 1 = can be true, 2 = can be false. Kleene's AND and
    // OR are then bitwise (an all-of can be true when every operand can, false when any can) and NOT swaps the bits,
    // so the flat evaluator (VersionProgram) combines outcomes without a branch per operand.
    static final byte TRUE_CODE = 1;
    static final byte FALSE_CODE = 2;
    static final byte UNKNOWN_CODE = 3;
    private static final Tri[] BY_CODE = {null, TRUE, FALSE, UNKNOWN};
    private final String outcome;

    Tri(String outcome) {
        this.outcome = outcome;
    }

    /** The word used in explanations: met, not-met, unknown. */
    public String outcome() {
        return outcome;
    }

    public static Tri of(boolean b) {
        return b ? TRUE : FALSE;
    }

    static Tri ofCode(byte code) {
        return BY_CODE[code];
    }

    byte code() {
        return this == TRUE ? TRUE_CODE : this == FALSE ? FALSE_CODE : UNKNOWN_CODE;
    }

    public Tri not() {
        return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
    }
}

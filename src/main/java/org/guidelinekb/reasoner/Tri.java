package org.guidelinekb.reasoner;

/**
 * Kleene's three-valued logic: a criterion is met (TRUE), not met (FALSE) or UNKNOWN when the case does not say.
 * An attribute the case does not give is UNKNOWN, never FALSE.
 */
public enum Tri {
    TRUE("met"), FALSE("not-met"), UNKNOWN("unknown");

    static final byte TRUE_CODE = 0;
    static final byte FALSE_CODE = 1;
    static final byte UNKNOWN_CODE = 2;
    private static final Tri[] VALUES = values();
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
        return VALUES[code];
    }

    byte code() {
        return (byte) ordinal();
    }

    public Tri not() {
        return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
    }
}

package org.guidelinekb.reasoner;

/** Whether a recommendation applies to a case: every criterion met, some unknown and none failed, or some not met. */
public enum Status {
    APPLICABLE("applicable"), UNDETERMINED("undetermined"), NOT_APPLICABLE("not-applicable");

    private final String word;

    Status(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    static Status of(Tri t) {
        return t == Tri.TRUE ? APPLICABLE : t == Tri.FALSE ? NOT_APPLICABLE : UNDETERMINED;
    }
}

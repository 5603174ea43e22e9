package org.guidelinekb.reasoner;

import java.util.List;

/**
 * The answer for one case: the versions evaluated and a result for every statement of them, applicable first, then
 * undetermined, then not applicable (each group in guideline and display order). {@code options} say how much of it
 * the answer shows ({@link EvaluationJson}).
 */
public record Evaluation(List<CompiledVersion> evaluatedAgainst, PatientCase patientCase, List<StatementResult> results,
                         AnswerOptions options) {

    /** An evaluation answered in full (the default options). */
    public Evaluation(List<CompiledVersion> evaluatedAgainst, PatientCase patientCase, List<StatementResult> results) {
        this(evaluatedAgainst, patientCase, results, AnswerOptions.DEFAULT);
    }
}

package org.guidelinekb.reasoner;

import java.util.List;

/**
 * The answer for one case: the versions evaluated and a result for every statement of them, applicable first, then
 * undetermined, then not applicable (each group in guideline and display order).
 */
public record Evaluation(List<CompiledVersion> evaluatedAgainst, PatientCase patientCase, List<StatementResult> results) {}

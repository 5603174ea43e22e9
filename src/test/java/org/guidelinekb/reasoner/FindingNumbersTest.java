package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A finding's numbers in words, field by field, as the evidence and the CDS cards show them. */
class FindingNumbersTest {
    static final String HR = "https://w3id.org/gkb/code/measure/hazard-ratio";
    static final Concepts CONCEPTS = Concepts.of(List.of(new Concepts.Row(HR, "https://w3id.org/gkb/code/measure", "hazard-ratio",
            "Hazard ratio", false)), Map.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // case                    | measure | value | ciLower | ciUpper | ciLevel | pValue | pValueText | expected
            "all numbers               | HR      | 1.04  | 0.81    | 1.34    | 0.95    | 0.79   | -          | Hazard ratio 1.04 (95% CI 0.81-1.34), p = 0.79",
            "a 90% interval            | HR      | 0.60  | 0.42    | 0.85    | 0.90    | -      | -          | Hazard ratio 0.60 (90% CI 0.42-0.85)",
            "an interval without level | HR      | 1.1   | 0.9     | 1.3     | -       | -      | -          | Hazard ratio 1.1 (CI 0.9-1.3)",
            "half an interval is none  | HR      | 1.1   | 0.9     | -       | 0.95    | -      | -          | Hazard ratio 1.1",
            "p as text                 | HR      | 0.5   | -       | -       | -       | -      | < 0.001    | Hazard ratio 0.5, p < 0.001",
            "p number over its text    | HR      | 0.5   | -       | -       | -       | 0.04   | < 0.05     | Hazard ratio 0.5, p = 0.04",
            "no measure                | -       | 12    | -       | -       | -       | -      | -          | 12",
            "a level that is not a number | HR   | 2     | 1       | 3       | ninety  | -      | -          | Hazard ratio 2 (ninety% CI 1-3)"})
    void numbers_in_words(String name, String measure, String value, String lo, String hi, String level, String p, String pText, String expected) {
        Map<String, String> row = new HashMap<>();
        row.put("measure", measure == null ? null : HR);
        row.put("value", value);
        row.put("ciLower", lo);
        row.put("ciUpper", hi);
        row.put("ciLevel", level);
        row.put("pValue", p);
        row.put("pValueText", pText);
        assertEquals(expected, FindingNumbers.append(new StringBuilder(), row::get, CONCEPTS).toString(), name);
    }
}

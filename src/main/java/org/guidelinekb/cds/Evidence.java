package org.guidelinekb.cds;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One way the mapping file lets a FHIR resource give a case attribute its value.
 *
 * @param resource     the FHIR resource type read (Condition, Observation, Procedure, MedicationRequest, Patient)
 * @param codes        the code set the resource's code must match (null for Patient)
 * @param requires     a code set a current Condition must also match (e.g. breast cancer), or null
 * @param value        the value given when a matching resource is present, or null when {@code valueMap} decides
 * @param latest       observations: only the latest matching one decides
 * @param valueMap     observations: value code set → attribute value
 * @param valueInteger observations: valueInteger is read as the value
 * @param birthDate    Patient: age in whole years from the birth date
 */
public record Evidence(String resource, CodeSet codes, CodeSet requires, JsonNode value, boolean latest,
                       List<ValueCode> valueMap, boolean valueInteger, boolean birthDate) {

    /** Observation value codes that give one attribute value. */
    public record ValueCode(CodeSet codes, JsonNode value) {}

    public Evidence {
        valueMap = List.copyOf(valueMap);
    }

    /** The values this evidence can give (to tell whether an unreadable earlier source could contradict a later one). */
    public List<JsonNode> possibleValues() {
        if (value != null) return List.of(value);
        return valueMap.stream().map(ValueCode::value).toList();
    }
}

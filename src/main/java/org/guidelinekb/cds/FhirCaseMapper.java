package org.guidelinekb.cds;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.guidelinekb.reasoner.AttributeType;
import org.guidelinekb.reasoner.CaseAttribute;
import org.guidelinekb.reasoner.CaseAttributes;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Maps FHIR R4 data to case attributes by the declarative {@link FhirMapping}. Honest about what it does not know:
 * an attribute stays unknown unless a resource states it; data that could not be read never counts as absence;
 * coded lists are open (at least the values found). Stateless; one instance serves every request.
 *
 * <p>Per attribute: an explicit assessment (the project's code system) decides first; then the mapping's evidence in
 * order, the first match deciding. A later match is accepted only if no earlier, unreadable source could have given
 * another value.
 */
public final class FhirCaseMapper {
    private final FhirMapping mapping;

    public FhirCaseMapper(FhirMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping);
    }

    public FhirMapping mapping() {
        return mapping;
    }

    /** Reads the case from the data, as of {@code today} (for the age). */
    public MappedCase map(FhirData data, CaseAttributes attributes, LocalDate today) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, List<String>> open = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (CaseAttribute a : attributes.all()) {
            if (a.derived()) continue;
            AttributeRule rule = mapping.rule(a.name());
            Result r;
            try {
                r = assessment(a, data);
                if (r == null) r = rule == null ? Result.unknown("no standard FHIR code in the mapping states it") : evaluate(a, rule, data, today);
            } catch (RuntimeException e) {
                // a resource that parses but is incomplete in a way the mapping cannot read (an element without its
                // value, ...): that attribute stays unknown, as for any data that does not say
                r = Result.unknown("the FHIR data for it could not be read (" + e.getClass().getSimpleName() + ")");
            }
            if (r.value != null) values.put(a.name(), r.value);
            if (r.open != null) open.put(a.name(), r.open);
            notes.put(a.name(), r.note);
        }
        FhirData.Source conditions = data.source("Condition");
        Boolean inScope = null;
        String scopeNote;
        if (!conditions.available()) {
            scopeNote = "cannot tell whether the patient has breast cancer: " + conditions.unavailable();
        } else {
            Resource hit;
            try {
                hit = first(accepted(conditions), mapping.scope());
            } catch (RuntimeException e) {
                throw new org.guidelinekb.error.InvalidInputException("the Condition prefetch could not be read as FHIR R4 ("
                        + e.getClass().getSimpleName() + ")");
            }
            inScope = hit != null;
            scopeNote = hit != null ? "breast cancer: " + FhirResources.describe(hit)
                    : "no current breast-cancer Condition (" + mapping.scope().name() + ") in " + conditions.from();
        }
        return new MappedCase(values, open, notes, inScope, scopeNote);
    }

    /** The outcome for one attribute: a value, an open list, or unknown; with a note saying why. */
    private record Result(JsonNode value, List<String> open, String note) {
        static Result unknown(String note) {
            return new Result(null, null, "unknown: " + note);
        }
    }

    private Result assessment(CaseAttribute a, FhirData data) {
        FhirData.Source obs = data.source("Observation");
        if (!obs.available()) return null;
        Observation latest = null;
        for (Resource r : accepted(obs)) {
            Observation o = (Observation) r;
            if (!o.getCode().getCoding().stream().anyMatch(c -> mapping.assessment().system().equals(c.getSystem()) && a.name().equals(c.getCode()))) continue;
            if (latest == null || later(o, latest)) latest = o;
        }
        if (latest == null) return null;
        String from = "assessment " + FhirResources.describe(latest);
        JsonNode v = assessmentValue(a, latest);
        if (v == null) return Result.unknown(from + " has no valid value for " + a.name() + " (" + a.type().word() + ")");
        return new Result(v, null, v + " from " + from);
    }

    private JsonNode assessmentValue(CaseAttribute a, Observation o) {
        switch (a.type()) {
            case BOOLEAN:
                return o.hasValueBooleanType() ? BooleanNode.valueOf(o.getValueBooleanType().booleanValue()) : null;
            case INTEGER:
                if (!o.hasValueIntegerType()) return null;
                return integer(a, o.getValueIntegerType().getValue());
            case CONCEPT:
                return o.hasValueCodeableConcept() ? concept(a, o.getValueCodeableConcept().getCoding()) : null;
            case CONCEPT_LIST:
                var arr = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
                if (o.hasValueCodeableConcept()) {
                    boolean none = o.getValueCodeableConcept().getCoding().stream().anyMatch(c ->
                            mapping.assessment().noneSystem().equals(c.getSystem()) && mapping.assessment().noneCode().equals(c.getCode()));
                    return none && o.getComponent().isEmpty() ? arr : null;
                }
                if (o.getComponent().isEmpty()) return null;
                for (var comp : o.getComponent()) {
                    JsonNode v = comp.hasValueCodeableConcept() ? concept(a, comp.getValueCodeableConcept().getCoding()) : null;
                    if (v == null) return null;
                    arr.add(v);
                }
                return arr;
            default:
                return null;
        }
    }

    private JsonNode concept(CaseAttribute a, List<Coding> codings) {
        String system = a.scheme() == null ? null : a.scheme().replaceAll("/$", "");
        for (Coding c : codings) {
            if (system != null && system.equals(c.getSystem()) && a.values().contains(c.getCode())) return TextNode.valueOf(c.getCode());
        }
        return null;
    }

    private static JsonNode integer(CaseAttribute a, Integer v) {
        if (v == null || (a.min() != null && v < a.min()) || (a.max() != null && v > a.max())) return null;
        return IntNode.valueOf(v);
    }

    private Result evaluate(CaseAttribute a, AttributeRule rule, FhirData data, LocalDate today) {
        return a.type() == AttributeType.CONCEPT_LIST ? list(rule, data) : scalar(a, rule, data, today);
    }

    private Result list(AttributeRule rule, FhirData data) {
        Set<String> found = new LinkedHashSet<>();
        List<String> from = new ArrayList<>();
        Set<String> blocked = new LinkedHashSet<>();
        for (Evidence ev : rule.evidence()) {
            String why = unreadable(ev, data);
            if (why != null) {
                blocked.add(why);
                continue;
            }
            for (Resource r : matches(ev, data)) {
                found.add(ev.value().asText());
                from.add(FhirResources.describe(r));
            }
        }
        if (!found.isEmpty()) {
            return new Result(null, List.copyOf(found), "at least " + found + " from " + String.join(", ", from)
                    + " (the record may not code every value: an open list)" + (blocked.isEmpty() ? "" : "; not read: " + String.join("; ", blocked)));
        }
        if (rule.whenAbsent().equals("false") && blocked.isEmpty()) {
            return new Result(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode(), null, "[] by the mapping's whenAbsent");
        }
        return Result.unknown(blocked.isEmpty() ? "no resource states it (absence is not evidence)" : String.join("; ", blocked));
    }

    private Result scalar(CaseAttribute a, AttributeRule rule, FhirData data, LocalDate today) {
        List<Evidence> blocked = new ArrayList<>();
        Set<String> blockedWhy = new LinkedHashSet<>();
        for (Evidence ev : rule.evidence()) {
            String why = unreadable(ev, data);
            if (why != null) {
                blocked.add(ev);
                blockedWhy.add(why);
                continue;
            }
            Result r = ev.birthDate() ? age(a, data.source("Patient"), today) : decide(a, ev, data);
            if (r == null) continue;                 // this evidence has nothing to say: try the next
            if (r.value == null) return r;           // it spoke but cannot decide (e.g. an equivocal latest result)
            for (Evidence b : blocked) {
                for (JsonNode other : b.possibleValues()) {
                    if (!other.equals(r.value)) {
                        return Result.unknown(r.note + ", but " + String.join("; ", blockedWhy) + " - that data could say " + other);
                    }
                }
            }
            return r;
        }
        if (rule.whenAbsent().equals("false") && blocked.isEmpty()) return new Result(BooleanNode.FALSE, null, "false by the mapping's whenAbsent");
        return Result.unknown(blocked.isEmpty() ? "no resource states it (absence is not evidence)" : String.join("; ", blockedWhy));
    }

    /** Why an evidence's data cannot be read (its resource type, or the Conditions its 'requires' needs), or null. */
    private static String unreadable(Evidence ev, FhirData data) {
        FhirData.Source s = data.source(ev.resource());
        if (!s.available()) return s.unavailable();
        if (ev.requires() != null && !data.source("Condition").available()) return data.source("Condition").unavailable();
        return null;
    }

    /** The evidence's verdict: null when nothing matches; a value; or unknown when the deciding resource has no usable value. */
    private Result decide(CaseAttribute a, Evidence ev, FhirData data) {
        List<Resource> matches = matches(ev, data);
        if (matches.isEmpty()) return null;
        if (!ev.latest()) return new Result(ev.value(), null, ev.value() + " from " + FhirResources.describe(matches.get(0)));
        Observation o = (Observation) matches.stream().max(Comparator.comparing(r -> time((Observation) r))).orElseThrow();
        String from = "the latest " + FhirResources.describe(o);
        if (ev.valueInteger() && o.hasValueIntegerType()) {
            JsonNode v = integer(a, o.getValueIntegerType().getValue());
            return v == null ? Result.unknown(from + " has an out-of-range value") : new Result(v, null, v + " from " + from);
        }
        if (o.hasValueCodeableConcept()) {
            for (Evidence.ValueCode vc : ev.valueMap()) {
                if (vc.codes().matches(o.getValueCodeableConcept())) return new Result(vc.value(), null, vc.value() + " from " + from);
            }
        }
        return Result.unknown(from + " has a value the mapping does not map (e.g. equivocal)");
    }

    private List<Resource> matches(Evidence ev, FhirData data) {
        List<Resource> out = new ArrayList<>();
        if (ev.requires() != null && first(accepted(data.source("Condition")), ev.requires()) == null) return out;
        for (Resource r : accepted(data.source(ev.resource()))) {
            if (ev.codes().matches(FhirResources.code(r))) out.add(r);
        }
        return out;
    }

    private Result age(CaseAttribute a, FhirData.Source patients, LocalDate today) {
        if (patients.resources().isEmpty()) return null;
        Patient p = (Patient) patients.resources().get(0);
        if (!p.hasBirthDate()) return null;
        if (p.getBirthDateElement().getPrecision() != TemporalPrecisionEnum.DAY) {
            return Result.unknown("Patient.birthDate " + p.getBirthDateElement().getValueAsString() + " is not a full date");
        }
        LocalDate born = LocalDate.parse(p.getBirthDateElement().getValueAsString());
        JsonNode v = integer(a, Period.between(born, today).getYears());
        return v == null ? Result.unknown("Patient.birthDate gives an age outside the allowed range")
                : new Result(v, null, v + " from Patient.birthDate " + born + " as of " + today);
    }

    /** The resources of a source that pass the mapping's filter for their type. */
    private List<Resource> accepted(FhirData.Source s) {
        if (!s.available()) return List.of();
        FhirMapping.ResourceFilter f = mapping.filters().get(s.resourceType());
        if (f == null) return s.resources();
        List<Resource> out = new ArrayList<>();
        for (Resource r : s.resources()) {
            boolean ok = true;
            for (String element : f.allowed().keySet()) ok &= f.accepts(element, FhirResources.element(r, element));
            if (ok) out.add(r);
        }
        return out;
    }

    private static Resource first(List<Resource> rs, CodeSet set) {
        for (Resource r : rs) {
            if (set.matches(FhirResources.code(r))) return r;
        }
        return null;
    }

    private static boolean later(Observation a, Observation b) {
        return time(a).compareTo(time(b)) > 0;
    }

    private static Date time(Observation o) {
        Date d = FhirResources.when(o);
        return d != null ? d : new Date(Long.MIN_VALUE);   // an observation without a date is the oldest
    }
}

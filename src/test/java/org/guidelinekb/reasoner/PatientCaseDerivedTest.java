package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link PatientCase#given} leaves the derived attributes unknown and {@link PatientCase#withDerived} computes them:
 * together they give every attribute the value {@link PatientCase#of} gives, over random cases of the shipped
 * catalogue (fixed seed), and the case itself comes back when no rule derives anything.
 */
class PatientCaseDerivedTest {
    @Test
    void given_then_derived_equals_the_parsed_case() {
        try (KnowledgeBase kb = KnowledgeBase.open(AppConfig.forTests(), m -> { })) {
            CaseAttributes attributes = kb.reasoner().attributes();
            assertTrue(!attributes.derived().isEmpty(), "the shipped catalogue has a derived attribute");
            int derivedKnown = 0;
            int unchanged = 0;
            for (JsonNode json : VersionProgramTest.randomCases(attributes, new SplittableRandom(43), 300)) {
                PatientCase of = PatientCase.of(json, attributes);
                PatientCase given = PatientCase.given(json, attributes);
                PatientCase derived = given.withDerived();
                for (CaseAttribute a : attributes.all()) {
                    assertEquals(of.value(a), derived.value(a), a.name() + " of " + json);
                    if (a.derived()) {
                        assertEquals(false, given.known(a.index()), "given leaves " + a.name() + " unknown: " + json);
                        if (derived.known(a.index())) derivedKnown++;
                    }
                }
                if (derived == given) unchanged++;
            }
            assertTrue(derivedKnown > 50, "cases with a derived value: " + derivedKnown);
            assertTrue(unchanged > 50, "cases where nothing derives (the case itself comes back): " + unchanged);
            PatientCase none = PatientCase.given(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), attributes);
            assertSame(none, none.withDerived());
        }
    }
}

package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link AttributeTests} gives every test the same outcome code in each of its forms: the {@code includes} tests of a
 * concept or concept-list attribute as groups of bit sets (more than 64 on one attribute, so several groups), the same
 * tests as records when a group's table would be too wide, and every test as its record (no catalogue), over random
 * tests of every condition on every attribute of the shipped catalogue and random cases with unknowns (fixed seeds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttributeTestsTest {
    private static final int INCLUDES_PER_ATTRIBUTE = 150;

    private KnowledgeBase kb;

    @BeforeAll
    void open() {
        kb = KnowledgeBase.open(AppConfig.forTests(), m -> { });
    }

    @AfterAll
    void close() {
        kb.close();
    }

    @Test
    void every_form_gives_every_test_the_same_outcome() {
        CaseAttributes attributes = kb.reasoner().attributes();
        SplittableRandom r = new SplittableRandom(31);
        List<Integer> records = new ArrayList<>();
        int count = 0;
        int conceptAttributes = 0;
        for (CaseAttribute a : attributes.all()) {
            int i = a.index();
            switch (a.type()) {
                case BOOLEAN -> {
                    count += add(records, i, AttributeTests.EQUALS, 0, 1);
                    count += add(records, i, AttributeTests.EQUALS, 0, 0);
                    count += add(records, i, AttributeTests.PRESENT, 0);
                }
                case INTEGER -> {
                    int lo = a.min() == null ? 0 : a.min();
                    int hi = a.max() == null ? lo + 100 : a.max();
                    count += add(records, i, AttributeTests.EQUALS, 0, lo + r.nextInt(hi - lo + 1));
                    count += add(records, i, AttributeTests.IN, 0, lo + r.nextInt(hi - lo + 1), lo + r.nextInt(hi - lo + 1));
                    count += add(records, i, AttributeTests.AT_LEAST, 0, lo + r.nextInt(hi - lo + 1));
                    count += add(records, i, AttributeTests.AT_MOST, 0, lo + r.nextInt(hi - lo + 1));
                }
                case CONCEPT, CONCEPT_LIST -> {
                    int[] scheme = schemeConcepts(attributes.concepts(), a.scheme());
                    int[] domain = attributes.domain(i);
                    if (scheme.length == 0 || domain.length == 0) continue;
                    conceptAttributes++;
                    int list = a.type() == AttributeType.CONCEPT_LIST ? 1 : 0;
                    count += add(records, i, AttributeTests.PRESENT, list);
                    if (list == 0) {
                        count += add(records, i, AttributeTests.EQUALS, 0, domain[r.nextInt(domain.length)]);
                        count += add(records, i, AttributeTests.IN, 0, domain[r.nextInt(domain.length)], domain[r.nextInt(domain.length)]);
                    }
                    for (int k = 0; k < INCLUDES_PER_ATTRIBUTE; k++) {
                        int[] values = new int[1 + r.nextInt(3)]; // any concept of the scheme: groupings and broader ones too
                        for (int v = 0; v < values.length; v++) values[v] = scheme[r.nextInt(scheme.length)];
                        count += add(records, i, AttributeTests.INCLUDES, list, values);
                    }
                }
            }
        }
        int[] rec = records.stream().mapToInt(Integer::intValue).toArray();
        AttributeTests grouped = new AttributeTests(rec, count, attributes);
        AttributeTests wide = new AttributeTests(rec, count, attributes, 0);
        AttributeTests plain = new AttributeTests(rec, count, null);
        assertTrue(conceptAttributes >= 3, "concept attributes in the shipped catalogue: " + conceptAttributes);
        assertEquals(3 * conceptAttributes, grouped.groupCount(), "150 includes tests an attribute: three groups of at most 64");
        assertEquals(0, wide.groupCount());
        assertEquals(0, plain.groupCount());

        int[] seen = new int[4];
        for (JsonNode json : VersionProgramTest.randomCases(attributes, new SplittableRandom(37), 400)) {
            PatientCase c = PatientCase.of(json, attributes);
            byte[] expected = outcomes(plain, c);
            assertArrayEquals(expected, outcomes(grouped, c), "grouped, case " + json);
            assertArrayEquals(expected, outcomes(wide, c), "records, case " + json);
            for (byte b : expected) seen[b]++;
        }
        for (int code = Tri.TRUE_CODE; code <= Tri.UNKNOWN_CODE; code++) {
            assertTrue(seen[code] > 1000, "too few outcomes of code " + code + ": " + seen[code]);
        }
    }

    private static byte[] outcomes(AttributeTests tests, PatientCase c) {
        byte[] out = new byte[tests.count() + 3];
        tests.run(c, out, 3); // from an offset, as a version after others
        return java.util.Arrays.copyOfRange(out, 3, out.length);
    }

    /** Adds one test's record (attribute, condition, list flag, value count, values); 1. */
    private static int add(List<Integer> records, int attribute, int condition, int list, int... values) {
        records.add(attribute);
        records.add(condition);
        records.add(list);
        records.add(values.length);
        for (int v : values) records.add(v);
        return 1;
    }

    private static int[] schemeConcepts(Concepts concepts, String scheme) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < concepts.size(); c++) {
            if (scheme.equals(concepts.scheme(c))) out.add(c);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}

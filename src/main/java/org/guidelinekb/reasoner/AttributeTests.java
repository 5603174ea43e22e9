package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct attribute tests of one compiled version ({@link Criterion.AttributeTest}'s comparisons, each once),
 * evaluated into outcome codes ({@link Tri}: 1 met, 2 not met, 3 unknown). Three forms, chosen when the version is
 * compiled, with one meaning:
 * <ul>
 * <li>a test of one value ({@code EQUALS}): attribute and value in two arrays;</li>
 * <li>the {@code INCLUDES} tests of a concept or concept-list attribute, up to 64 at a time: for each concept the
 * attribute allows, the set of those tests it meets (within a value, SKOS broader), as one bit a test, so that a case's
 * values are read once for all of them, not once a test and value;</li>
 * <li>every other test as its record: attribute, condition, list flag, value count, values.</li>
 * </ul>
 * Immutable.
 */
final class AttributeTests {
    // conditions as record codes (a switch on an int, not on the enum)
    static final int EQUALS = 0;
    static final int IN = 1;
    static final int AT_LEAST = 2;
    static final int AT_MOST = 3;
    static final int PRESENT = 4;
    static final int INCLUDES = 5;
    private static final int GROUP = 64;        // tests a group: one bit each in a long
    static final int MAX_SPAN = 4096;           // concept indexes a group's table covers at most (else: records)

    private final CaseAttributes attributes; // the catalogue the tests were compiled with (null: records only)
    private final int count;
    private final int[] records;   // per test: attribute, condition, list flag, value count, values...
    private final int[] recordAt;  // per test: where its record starts
    private final int[] eqAttribute;
    private final int[] eqValue;
    private final int[] eqTest;
    private final int[] groupAttribute;
    private final boolean[] groupList;
    private final int[] groupLow;      // the lowest concept index of the group's table
    private final int[] groupSpan;
    private final int[] groupMaskAt;   // where its table starts in masks
    private final int[] groupTestsEnd; // where its tests end in groupTests (they start where the group before's end)
    private final int[] groupTests;
    private final long[] masks;        // per group and allowed concept: the group's tests it meets, test j as bit j
    private final int[] otherTest;

    /**
     * The tests as records (see above) numbered in order; {@code attributes}: the catalogue the version was compiled
     * with (null: every test as its record).
     */
    AttributeTests(int[] records, int count, CaseAttributes attributes) {
        this(records, count, attributes, MAX_SPAN);
    }

    /** The same with a bound on the concept indexes a group's table covers (a test forces the records with 0). */
    AttributeTests(int[] records, int count, CaseAttributes attributes, int maxSpan) {
        this.attributes = attributes;
        this.count = count;
        this.records = records;
        this.recordAt = new int[count];
        for (int i = 0, at = 0; i < count; i++) {
            recordAt[i] = at;
            at += 4 + records[at + 3];
        }
        IntBuffer eq = new IntBuffer();
        IntBuffer other = new IntBuffer();
        Map<Integer, List<Integer>> includes = new LinkedHashMap<>(); // attribute -> its INCLUDES tests
        for (int i = 0; i < count; i++) {
            int at = recordAt[i];
            if (records[at + 1] == EQUALS) {
                eq.add(i);
            } else if (records[at + 1] == INCLUDES && attributes != null) {
                includes.computeIfAbsent(records[at], k -> new ArrayList<>()).add(i);
            } else {
                other.add(i);
            }
        }
        this.eqTest = eq.toArray();
        this.eqAttribute = Arrays.stream(eqTest).map(i -> records[recordAt[i]]).toArray();
        this.eqValue = Arrays.stream(eqTest).map(i -> records[recordAt[i] + 4]).toArray();
        Groups g = new Groups();
        includes.forEach((attribute, tests) -> {
            int[] domain = attributes.domain(attribute);
            int low = domain.length == 0 ? 0 : domain[0];
            int span = domain.length == 0 ? 0 : domain[domain.length - 1] - low + 1;
            if (span > maxSpan) {
                tests.forEach(other::add);
                return;
            }
            for (int from = 0; from < tests.size(); from += GROUP) {
                g.add(attribute, tests.subList(from, Math.min(tests.size(), from + GROUP)), domain, low, span, attributes.concepts());
            }
        });
        this.otherTest = other.toArray();
        Arrays.sort(otherTest);
        this.groupAttribute = g.attribute.toArray();
        this.groupLow = g.low.toArray();
        this.groupSpan = g.span.toArray();
        this.groupMaskAt = g.maskAt.toArray();
        this.groupTestsEnd = g.testsEnd.toArray();
        this.groupTests = g.tests.toArray();
        this.masks = Arrays.copyOf(g.masks, g.size);
        this.groupList = new boolean[groupAttribute.length];
        for (int k = 0; k < groupList.length; k++) groupList[k] = records[recordAt[groupTests[k == 0 ? 0 : groupTestsEnd[k - 1]]] + 2] != 0;
    }

    /** The groups' tables as they are built. */
    private final class Groups {
        final IntBuffer attribute = new IntBuffer();
        final IntBuffer low = new IntBuffer();
        final IntBuffer span = new IntBuffer();
        final IntBuffer maskAt = new IntBuffer();
        final IntBuffer testsEnd = new IntBuffer();
        final IntBuffer tests = new IntBuffer();
        long[] masks = new long[16];
        int size;

        void add(int a, List<Integer> mine, int[] domain, int lo, int width, Concepts concepts) {
            attribute.add(a);
            low.add(lo);
            span.add(width);
            maskAt.add(size);
            if (size + width > masks.length) masks = Arrays.copyOf(masks, Math.max(masks.length * 2, size + width));
            for (int j = 0; j < mine.size(); j++) {
                int at = recordAt[mine.get(j)];
                for (int concept : domain) {
                    if (withinAny(concepts, concept, records, at + 4, records[at + 3])) masks[size + concept - lo] |= 1L << j;
                }
                tests.add(mine.get(j));
            }
            size += width;
            testsEnd.add(tests.size);
        }
    }

    /** How many groups of {@code includes} tests (each up to 64 tests of one attribute). */
    int groupCount() {
        return groupAttribute.length;
    }

    /** The catalogue the tests were compiled with: a case must have been parsed against it. */
    CaseAttributes attributes() {
        return attributes;
    }

    /** How many distinct tests. */
    int count() {
        return count;
    }

    /** Every test's outcome code into {@code out}: test {@code i}'s at {@code into + i}. */
    void run(PatientCase c, byte[] out, int into) {
        int[] ea = eqAttribute;
        int[] ev = eqValue;
        int[] et = eqTest;
        for (int i = 0; i < ea.length; i++) {
            int a = ea[i];
            out[into + et[i]] = !c.known(a) ? Tri.UNKNOWN_CODE : c.scalar(a) == ev[i] ? Tri.TRUE_CODE : Tri.FALSE_CODE;
        }
        int[] gt = groupTests;
        long[] m = masks;
        for (int g = 0, j = 0; g < groupAttribute.length; g++) {
            int a = groupAttribute[g];
            int stop = groupTestsEnd[g];
            if (!c.known(a)) {
                for (; j < stop; j++) out[into + gt[j]] = Tri.UNKNOWN_CODE;
                continue;
            }
            int at = groupMaskAt[g] - groupLow[g];
            long met;
            if (groupList[g]) {
                met = 0;
                for (int v : c.list(a)) met |= m[at + v];
            } else {
                met = m[at + c.scalar(a)];
            }
            for (; j < stop; j++, met >>>= 1) out[into + gt[j]] = (byte) (Tri.FALSE_CODE - (met & 1));
        }
        int[] r = records;
        int[] ot = otherTest;
        for (int i = 0; i < ot.length; i++) {
            int at = recordAt[ot[i]];
            out[into + ot[i]] = test(c, r[at], r[at + 1], r[at + 2] != 0, r, at + 4, r[at + 3]);
        }
    }

    /** {@link Criterion.AttributeTest}'s comparison, on the values {@code p[from .. from + n)}. */
    private static byte test(PatientCase c, int attribute, int condition, boolean list, int[] p, int from, int n) {
        if (!c.known(attribute)) return Tri.UNKNOWN_CODE;
        int v = c.scalar(attribute);
        boolean met;
        switch (condition) {
            case EQUALS -> met = v == p[from];
            case IN -> {
                met = false;
                for (int i = from; i < from + n && !met; i++) met = v == p[i];
            }
            case AT_LEAST -> met = v >= p[from];
            case AT_MOST -> met = v <= p[from];
            case PRESENT -> met = !list || c.list(attribute).length > 0;
            case INCLUDES -> met = list ? anyWithin(c.attributes().concepts(), c.list(attribute), p, from, n)
                    : withinAny(c.attributes().concepts(), v, p, from, n);
            default -> throw new IllegalStateException("unknown condition code " + condition);
        }
        return met ? Tri.TRUE_CODE : Tri.FALSE_CODE;
    }

    /** Whether any of the case's values is within any of {@code p[from .. from + n)}. */
    private static boolean anyWithin(Concepts concepts, int[] caseValues, int[] p, int from, int n) {
        for (int caseValue : caseValues) {
            if (withinAny(concepts, caseValue, p, from, n)) return true;
        }
        return false;
    }

    private static boolean withinAny(Concepts concepts, int caseValue, int[] p, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (concepts.within(caseValue, p[i])) return true;
        }
        return false;
    }

    static int code(Condition c) {
        return switch (c) {
            case EQUALS -> EQUALS;
            case IN -> IN;
            case AT_LEAST -> AT_LEAST;
            case AT_MOST -> AT_MOST;
            case PRESENT -> PRESENT;
            case INCLUDES -> INCLUDES;
        };
    }
}

package org.guidelinekb.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.bench.BenchStore;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.generate.GeneratorSettings;
import org.guidelinekb.generate.KbGenerator;
import org.guidelinekb.reasoner.CaseAttribute;
import org.guidelinekb.reasoner.CaseAttributes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The same agreement as {@link CqlEngineCrossCheckTest} on generated content: a 1,000-statement guideline version
 * (generate/KbGenerator, every criterion kind) and random cases where each attribute is unknown with probability
 * 0.35. The version's CQL is translated once; each try evaluates every statement with both.
 */
class CqlEngineGeneratedPropertyTest {
    private static Path dir;
    private static KnowledgeBase kb;
    private static CqlCrossCheck check;
    private static VersionInfo version;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("gkb-fhir-prop");
        List<Path> files = new KbGenerator(new GeneratorSettings(1, 1, 1000, 0.2, 19)).write(dir).files();
        kb = KnowledgeBase.open(AppConfig.forTests().withLoadBundled(false), m -> { });
        BenchStore.putUnvalidated(kb, files);
        var ix = kb.reasoner().index();
        version = ix.catalog().guidelines().get(0).versions().get(0);
        check = new CqlCrossCheck(ix);
        assertTrue(ix.version(version).statements().size() >= 1000, "statements: " + ix.version(version).statements().size());
        check.runner(version); // translate once, before the first try
        check.elmRunner(version); // and load our ELM once
    }

    @AfterContainer
    static void close() {
        if (kb != null) kb.close();
        if (dir != null) BenchStore.deleteTree(dir);
    }

    @Property(tries = 50)
    void theEngineAgreesWithTheReasonerOnEveryStatement(@ForAll("cases") ObjectNode patientCase) {
        int[] checked = {0};
        assertEquals(List.of(), check.mismatches(version, patientCase, checked));
        assertTrue(checked[0] >= 1000);
    }

    @Provide
    Arbitrary<ObjectNode> cases() {
        CaseAttributes attributes = kb.reasoner().attributes();
        return Arbitraries.randomValue(r -> randomCase(attributes, r));
    }

    private static ObjectNode randomCase(CaseAttributes attributes, Random r) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        for (CaseAttribute a : attributes.all()) {
            if (a.derived() || r.nextDouble() < 0.35) continue; // unknown
            switch (a.type()) {
                case BOOLEAN -> c.put(a.name(), r.nextBoolean());
                case INTEGER -> {
                    int lo = a.min() == null ? 0 : a.min();
                    int hi = a.max() == null ? 120 : a.max();
                    c.put(a.name(), lo + r.nextInt(hi - lo + 1));
                }
                case CONCEPT -> c.put(a.name(), a.values().get(r.nextInt(a.values().size())));
                case CONCEPT_LIST -> {
                    ArrayNode list = c.putArray(a.name());
                    for (String v : a.values()) {
                        if (r.nextDouble() < 0.25) list.add(v);
                    }
                }
            }
        }
        return c;
    }
}

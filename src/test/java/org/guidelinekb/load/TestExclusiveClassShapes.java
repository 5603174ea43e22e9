package org.guidelinekb.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.error.ValidationException.Violation;
import org.guidelinekb.sparql.QueryLibrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape shortcut ({@link ExclusiveClassShapes}) changes no verdict: for every SHACL fixture and every shipped
 * content file, the violations a load reports are exactly those of the full shapes.
 */
class TestExclusiveClassShapes {
    static final Path SHAPE_FIXTURES = Paths.get("src/test/resources/shapes/shacl");
    static final Path KB = Paths.get("kb");

    static Ontology ontology;
    static ContentValidator validator;

    @BeforeAll
    static void validator() {
        ontology = Ontology.load();
        validator = new ContentValidator(ontology, QueryLibrary.load(), null);
    }

    static Stream<Path> files() throws IOException {
        try (Stream<Path> fixtures = Files.list(SHAPE_FIXTURES); Stream<Path> kb = Files.walk(KB)) {
            return Stream.concat(fixtures.filter(p -> p.toString().endsWith(".ttl")).sorted().toList().stream(),
                    kb.filter(p -> p.toString().endsWith(".ttl")).sorted().toList().stream());
        }
    }

    static Graph parse(Path file) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(file).lang(Lang.TURTLE).base("https://w3id.org/gkb/").parse(g);
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void same_violations_as_the_full_shapes(Path file) {
        Graph content = parse(file);
        List<Violation> full = validator.shapes(ontology.shapes(), file.toString(), validator.withOntology(content));
        // the same entries; their order within one file's report is Jena's, not stable even with the full shapes
        // (property shapes are blank nodes, whose labels differ per run)
        assertEquals(sorted(full), sorted(validator.shapes(file.toString(), content)));
    }

    static List<String> sorted(List<Violation> violations) {
        return violations.stream().map(v -> String.join("|", v.file(), v.focusNode(), String.valueOf(v.path()), v.message(),
                String.valueOf(v.rule()))).sorted().toList();
    }

    @Test
    void the_shortcut_is_taken_for_conforming_content_and_not_for_a_criterion_of_two_kinds() throws IOException {
        ExclusiveClassShapes shortcut = validator.exclusiveClassShapes();
        try (Stream<Path> kb = Files.walk(KB)) {
            for (Path p : kb.filter(f -> f.toString().endsWith(".ttl")).toList()) {
                assertTrue(shortcut.holds(validator.withOntology(parse(p))), p.toString());
            }
        }
        Graph twoKinds = validator.withOntology(parse(SHAPE_FIXTURES.resolve("CriterionShape--two-kinds.ttl")));
        assertFalse(shortcut.holds(twoKinds));
        assertFalse(validator.shapes(ontology.shapes(), "two-kinds", twoKinds).isEmpty());
        // the shortcut's shapes alone miss that violation: the fallback is what reports it
        assertTrue(validator.shapes(shortcut.without(), "two-kinds", twoKinds).size()
                < validator.shapes(ontology.shapes(), "two-kinds", twoKinds).size());
    }
}

package org.guidelinekb.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped model and content: every kb/ file parses and conforms to ontology/shapes.ttl (merged with the
 * ontology), every sparql/checks/*-violation.rq returns no row on the whole knowledge base, and every shape and
 * every check is shown to fail on a fixture of its own under src/test/resources/shapes/.
 * <p>
 * Fixtures are table-driven by file name: {@code shacl/<ShapeLocalName>--<case>.ttl} must not conform and its
 * report must hold a result of that node shape (or of one of its property shapes);
 * {@code checks/<query-name>--<case>.ttl} must make {@code sparql/checks/<query-name>.rq} return rows.
 * <p>
 * Files are read from the project directory, as Jena's tests read {@code testing/}. The traceability tests check
 * {@code kb/} against the source register {@code kb/sources/} ({@link SourceRegister}): the excerpts of each source
 * document that kb/ quotes or takes numbers and places from. The register's own agreement with the source files is
 * the curation audit ({@code .ci/source-audit}), not a test: the sources are not part of the project.
 */
class ShippedContentTest {

    static final Path ONTOLOGY = Paths.get("ontology/gkb.ttl");
    static final Path DERIVED = Paths.get("ontology/derived-attributes.ttl");
    static final Path SHAPES = Paths.get("ontology/shapes.ttl");
    static final Path KB = Paths.get("kb");
    static final Path CHECKS = Paths.get("sparql/checks");
    static final Path SHAPE_FIXTURES = Paths.get("src/test/resources/shapes/shacl");
    static final Path CHECK_FIXTURES = Paths.get("src/test/resources/shapes/checks");
    /** The register of the fact sheet: the numbers, counts and places of kb/ (findings name no document). */
    static final String FACT_SHEET = "fact-sheet";

    static final String GKB = "https://w3id.org/gkb/ontology#";
    static final String SH = "http://www.w3.org/ns/shacl#";
    static final String SHAPES_NS = "https://w3id.org/gkb/shapes#";
    static final String ID = "https://w3id.org/gkb/id/";
    static final String SEED_DECK = ID + "source/seed-deck";
    static final Set<String> ROOT_TYPES = Set.of(GKB + "Study", GKB + "EvidenceSynthesis", GKB + "ClinicalQuestion");

    static Model vocabulary;
    static Shapes shapes;
    static Graph shapesGraph;

    @BeforeAll
    static void loadVocabularyAndShapes() {
        vocabulary = ModelFactory.createDefaultModel();
        RDFDataMgr.read(vocabulary, ONTOLOGY.toString());
        RDFDataMgr.read(vocabulary, DERIVED.toString());
        shapesGraph = RDFDataMgr.loadGraph(SHAPES.toString());
        shapes = Shapes.parse(shapesGraph);
    }

    // ---- sources of the parameterized tests ------------------------------------------------------------------

    static Stream<Path> contentFiles() {
        return ttlFiles(KB);
    }

    static Stream<Path> checkQueries() {
        return list(CHECKS).filter(p -> p.getFileName().toString().endsWith("-violation.rq"));
    }

    static Stream<Path> shapeFixtures() {
        return ttlFiles(SHAPE_FIXTURES);
    }

    static Stream<Path> checkFixtures() {
        return ttlFiles(CHECK_FIXTURES);
    }

    // ---- shipped content ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentFiles")
    void content_file_conforms_to_the_shapes(Path file) {
        ValidationReport report = validate(file);
        assertTrue(report.conforms(), () -> file + " does not conform:\n" + describe(report));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentFiles")
    void content_file_has_one_root_that_matches_its_path(Path file) {
        Model m = RDFDataMgr.loadModel(file.toString());
        String root = rootOf(m, file);
        String relative = KB.relativize(file).toString().replace('\\', '/');
        String name = file.getFileName().toString().replaceFirst("\\.ttl$", "");
        if (relative.startsWith("guidelines/")) {
            String guideline = file.getParent().getFileName().toString();
            assertEquals(ID + "guideline/" + guideline + "/version/" + name, root, "version file " + relative);
        } else if (relative.startsWith("studies/")) {
            assertEquals(ID + "study/" + name, root, "study file " + relative);
        } else if (relative.startsWith("syntheses/")) {
            assertEquals(ID + "synthesis/" + name, root, "synthesis file " + relative);
        } else if (relative.startsWith("questions/")) {
            assertEquals(ID + "question/" + name, root, "question file " + relative);
        } else {
            fail("content file outside kb/guidelines, kb/studies, kb/syntheses, kb/questions: " + relative);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkQueries")
    void check_returns_no_rows_on_the_shipped_knowledge_base(Path query) {
        Model kb = loadKnowledgeBase();
        List<String> rows = select(kb, read(query));
        assertTrue(rows.isEmpty(), () -> query + " found " + rows.size() + " violation(s):\n" + String.join("\n", rows));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkQueries")
    void check_query_starts_with_the_header(Path query) {
        List<String> lines = read(query).lines().limit(3).collect(Collectors.toList());
        assertEquals(3, lines.size(), query.toString());
        assertTrue(lines.get(0).matches("# summary: \\S.*"), query + ": first line must be '# summary: ...'");
        assertTrue(lines.get(1).matches("# description: \\S.*"), query + ": second line must be '# description: ...'");
        assertEquals("# tags: check", lines.get(2), query + ": third line");
    }

    // ---- fixtures: every shape and every check must be able to fail -----------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapeFixtures")
    void shape_fixture_does_not_conform_to_its_shape(Path fixture) {
        String expected = SHAPES_NS + expectation(fixture);
        ValidationReport report = validate(fixture);
        assertFalse(report.conforms(), () -> fixture + " conforms, but must fail " + expected);
        Set<String> reported = new TreeSet<>();
        for (ReportEntry entry : report.getEntries()) {
            reported.addAll(ownersOf(entry.source()));
        }
        assertTrue(reported.contains(expected),
                   () -> fixture + " fails, but not in " + expected + "; reported by " + reported + "\n" + describe(report));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkFixtures")
    void check_fixture_makes_its_query_return_rows(Path fixture) {
        Path query = CHECKS.resolve(expectation(fixture) + ".rq");
        assertTrue(Files.exists(query), () -> fixture + " names a query that does not exist: " + query);
        Model data = ModelFactory.createDefaultModel().add(vocabulary);
        RDFDataMgr.read(data, fixture.toString());
        assertFalse(select(data, read(query)).isEmpty(), () -> query + " returns no row on " + fixture);
    }

    @Test
    void every_targeted_shape_has_a_failing_fixture() {
        Set<String> covered = shapeFixtures().map(p -> SHAPES_NS + expectation(p)).collect(Collectors.toSet());
        Model m = ModelFactory.createModelForGraph(shapesGraph);
        Set<String> targeted = new TreeSet<>();
        for (String target : List.of("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")) {
            m.listSubjectsWithProperty(m.createProperty(SH + target)).forEachRemaining(r -> targeted.add(r.getURI()));
        }
        assertFalse(targeted.isEmpty());
        targeted.removeAll(covered);
        assertTrue(targeted.isEmpty(), () -> "shapes without a failing fixture in " + SHAPE_FIXTURES + ": " + targeted);
    }

    @Test
    void every_check_has_a_failing_fixture() {
        Set<String> covered = checkFixtures().map(ShippedContentTest::expectation).collect(Collectors.toSet());
        Set<String> queries = checkQueries().map(p -> p.getFileName().toString().replaceFirst("\\.rq$", ""))
                                            .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(queries.isEmpty());
        queries.removeAll(covered);
        assertTrue(queries.isEmpty(), () -> "checks without a failing fixture in " + CHECK_FIXTURES + ": " + queries);
    }

    // ---- golden values read back ----------------------------------------------------------------------------

    @Test
    void badwe_overall_survival_reads_back_exactly() {
        Model kb = loadKnowledgeBase();
        assertNumbers(kb, "study/badwe-2015/finding/os-hr", "1.04", "0.81", "1.34", "0.95");
        assertEquals(0, new BigDecimal("0.79").compareTo(decimal(kb, "study/badwe-2015/finding/os-hr", "pValue")));
        assertNumbers(kb, "study/badwe-2015/finding/os-median-lrt", "19.2", "15.98", "22.46", "0.95");
        assertNumbers(kb, "study/badwe-2015/finding/os-median-no-lrt", "20.5", "16.96", "23.98", "0.95");
    }

    @Test
    void e2108_hazard_ratio_reads_back_with_its_90_percent_interval() {
        Model kb = loadKnowledgeBase();
        assertNumbers(kb, "study/e2108/finding/os-hr", "1.11", "0.82", "1.52", "0.90");
        assertNumbers(kb, "study/jcog1017/finding/os-hr", "0.86", "0.69", "1.07", "0.90");
        assertNumbers(kb, "study/jcog1017/finding/os-hr-asco-2023", "0.857", "0.686", "1.072", "0.90");
    }

    // ---- traceability to the two sources ----------------------------------------------------------------------

    @Test
    void every_quote_is_verbatim_in_the_register_of_its_source_document() {
        Model kb = loadKnowledgeBase();
        Property quote = kb.createProperty(GKB, "quote");
        List<String> missing = new ArrayList<>();
        kb.listStatements(null, quote, (RDFNode) null).forEachRemaining(s -> {
            Resource document = s.getSubject().getPropertyResourceValue(kb.createProperty(GKB, "source"))
                                 .getPropertyResourceValue(kb.createProperty(GKB, "document"));
            List<SourceRegister> registers = SourceRegister.all().stream().filter(r -> r.documents().contains(document.getURI())).toList();
            if (registers.size() != 1) {
                missing.add(s.getSubject() + ": " + registers.size() + " registers in " + SourceRegister.DIR + " name its document " + document);
                return;
            }
            // " […] " marks a cut in the quote (e.g. a slide break); each part must be verbatim in one excerpt
            for (String part : s.getString().split("\\[…\\]")) {
                if (excerpts(registers.get(0)).stream().noneMatch(e -> normalise(e).contains(normalise(part)))) {
                    missing.add(s.getSubject() + ": \"" + part.strip() + "\" (register " + registers.get(0).path() + ")");
                }
            }
        });
        assertTrue(missing.isEmpty(), () -> "quotes not found verbatim in the register of their source:\n" + String.join("\n", missing));
    }

    @Test
    void every_number_of_a_finding_is_printed_together_in_one_excerpt_of_the_fact_sheet_register() {
        List<Set<BigDecimal>> lines = excerpts(register(FACT_SHEET)).stream().map(ShippedContentTest::numbersIn).collect(Collectors.toList());
        Model kb = loadKnowledgeBase();
        List<String> untraced = new ArrayList<>();
        kb.listSubjectsWithProperty(RDF.type, kb.createResource(GKB + "Finding")).forEachRemaining(finding -> {
            List<BigDecimal> numbers = new ArrayList<>();
            for (String p : List.of("value", "ciLower", "ciUpper", "pValue")) {
                Statement s = finding.getProperty(kb.createProperty(GKB, p));
                if (s != null) {
                    numbers.add(new BigDecimal(s.getLiteral().getLexicalForm()));
                }
            }
            boolean traced = lines.stream().anyMatch(line -> numbers.stream().allMatch(n -> containsNumber(line, n)));
            if (!traced) {
                untraced.add(finding.getURI() + " " + numbers);
            }
        });
        assertTrue(untraced.isEmpty(), () -> "findings whose value, CI and p-value are not printed together in one excerpt of "
                                             + register(FACT_SHEET).path() + ":\n" + String.join("\n", untraced));
    }

    @Test
    void every_count_is_printed_in_the_fact_sheet_register() {
        Set<BigDecimal> printed = numbersIn(String.join("\n", excerpts(register(FACT_SHEET))));
        Model kb = loadKnowledgeBase();
        List<String> untraced = new ArrayList<>();
        for (String p : List.of("n", "eligible", "enrolled", "randomised", "analysed", "participants", "studyCount", "eventCount",
                                "followUpMonths")) {
            kb.listStatements(null, kb.createProperty(GKB, p), (RDFNode) null).forEachRemaining(s -> {
                BigDecimal n = new BigDecimal(s.getLiteral().getLexicalForm());
                if (!containsNumber(printed, n)) {
                    untraced.add(s.getSubject() + " gkb:" + p + " " + n);
                }
            });
        }
        assertTrue(untraced.isEmpty(), () -> "counts not printed in " + register(FACT_SHEET).path() + ":\n" + String.join("\n", untraced));
    }

    @Test
    void every_seen_at_is_a_place_named_in_the_fact_sheet_register() {
        String facts = String.join("\n", excerpts(register(FACT_SHEET)));
        Model kb = loadKnowledgeBase();
        Set<String> unknown = new TreeSet<>();
        kb.listStatements(null, kb.createProperty(GKB, "seenAt"), (RDFNode) null).forEachRemaining(s -> {
            String place = s.getString();
            // a URL verbatim; a repository place as "owner/repo: path", each part verbatim
            for (String part : place.startsWith("http") ? new String[] {place} : place.split(": ")) {
                if (!facts.contains(part)) {
                    unknown.add(place);
                }
            }
        });
        assertTrue(unknown.isEmpty(), () -> "gkb:seenAt values not found in " + register(FACT_SHEET).path() + ":\n" + String.join("\n", unknown));
    }

    @Test
    void the_register_is_well_formed_and_names_every_source_document_of_the_quotes() {
        List<SourceRegister> registers = SourceRegister.all();
        assertTrue(registers.stream().anyMatch(r -> r.name().equals(FACT_SHEET)), "a register named " + FACT_SHEET);
        assertEquals(registers.size(), registers.stream().map(SourceRegister::name).distinct().count(), "register names are unique");
        for (SourceRegister r : registers) {
            assertFalse(r.excerpts().isEmpty(), r.path() + " has excerpts");
            assertEquals(r.excerpts().size(), r.excerpts().stream().map(e -> e.locator() + "\n" + e.text()).distinct().count(),
                         r.path() + ": no excerpt twice");
        }
        assertTrue(register("seed-deck").documents().contains(SEED_DECK), "the seed-deck register names " + SEED_DECK);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static SourceRegister register(String name) {
        return SourceRegister.all().stream().filter(r -> r.name().equals(name)).findFirst()
                             .orElseThrow(() -> new AssertionError("no register 'source: " + name + "' in " + SourceRegister.DIR));
    }

    static List<String> excerpts(SourceRegister register) {
        return register.excerpts().stream().map(SourceRegister.Excerpt::text).toList();
    }

    /** Validates one file merged with the ontology and the derived attributes. */
    static ValidationReport validate(Path file) {
        Model data = ModelFactory.createDefaultModel().add(vocabulary);
        RDFDataMgr.read(data, file.toString());
        return ShaclValidator.get().validate(shapes, data.getGraph());
    }

    /** The whole knowledge base as the endpoint sees it: union of the ontology graph and one named graph per file. */
    static Model loadKnowledgeBase() {
        Dataset ds = DatasetFactory.create();
        ds.addNamedModel("https://w3id.org/gkb/ontology", vocabulary);
        contentFiles().forEach(file -> {
            Model m = RDFDataMgr.loadModel(file.toString());
            String graph = rootOf(m, file);
            assertFalse(ds.containsNamedModel(graph), "two files with the root " + graph);
            ds.addNamedModel(graph, m);
        });
        return ds.getUnionModel();
    }

    /** The root of a content file per the contract: the one GuidelineVersion, else the one study/synthesis/question. */
    static String rootOf(Model m, Path file) {
        List<Resource> versions = m.listSubjectsWithProperty(RDF.type, m.createResource(GKB + "GuidelineVersion")).toList();
        List<Resource> roots = versions;
        if (versions.isEmpty()) {
            roots = new ArrayList<>();
            for (String type : ROOT_TYPES) {
                roots.addAll(m.listSubjectsWithProperty(RDF.type, m.createResource(type)).toList());
            }
        }
        assertEquals(1, roots.size(), () -> file + " must have exactly one root node");
        assertTrue(roots.get(0).isURIResource(), () -> file + ": the root must be an IRI");
        return roots.get(0).getURI();
    }

    /** The shape that reported, and every shape that holds it through sh:property or sh:node, transitively. */
    static Set<String> ownersOf(Node source) {
        Set<String> owners = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(source));
        Node property = NodeFactory.createURI(SH + "property");
        Node node = NodeFactory.createURI(SH + "node");
        while (!todo.isEmpty()) {
            Node shape = todo.pop();
            if (shape.isURI() && !owners.add(shape.getURI())) {
                continue;
            }
            for (Node link : List.of(property, node)) {
                shapesGraph.find(Node.ANY, link, shape).forEachRemaining(t -> todo.push(t.getSubject()));
            }
        }
        return owners;
    }

    static List<String> select(Model model, String query) {
        List<String> rows = new ArrayList<>();
        try (QueryExecution qe = QueryExecution.model(model).query(query).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution row = rs.next();
                List<String> cells = new ArrayList<>();
                row.varNames().forEachRemaining(v -> cells.add(v + "=" + row.get(v)));
                rows.add(String.join("  ", cells));
            }
        }
        return rows;
    }

    static void assertNumbers(Model kb, String finding, String value, String lower, String upper, String level) {
        assertEquals(0, new BigDecimal(value).compareTo(decimal(kb, finding, "value")), finding + " value");
        assertEquals(0, new BigDecimal(lower).compareTo(decimal(kb, finding, "ciLower")), finding + " ciLower");
        assertEquals(0, new BigDecimal(upper).compareTo(decimal(kb, finding, "ciUpper")), finding + " ciUpper");
        assertEquals(0, new BigDecimal(level).compareTo(decimal(kb, finding, "ciLevel")), finding + " ciLevel");
    }

    static BigDecimal decimal(Model kb, String finding, String property) {
        Statement s = kb.getResource(ID + finding).getProperty(kb.createProperty(GKB, property));
        assertTrue(s != null, () -> ID + finding + " has no gkb:" + property);
        Literal l = s.getLiteral();
        return new BigDecimal(l.getLexicalForm());
    }

    /** The part of a fixture's file name before "--": the shape's local name or the query's name. */
    static String expectation(Path fixture) {
        String name = fixture.getFileName().toString();
        int cut = name.indexOf("--");
        assertTrue(cut > 0, () -> fixture + ": fixture names are <shape-or-query>--<case>.ttl");
        return name.substring(0, cut);
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])(\\d+(?:\\.\\d+)?|\\.\\d+)");

    static Set<BigDecimal> numbersIn(String text) {
        Set<BigDecimal> numbers = new HashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(new BigDecimal(m.group(1)).stripTrailingZeros());
        }
        return numbers;
    }

    static boolean containsNumber(Set<BigDecimal> numbers, BigDecimal n) {
        return numbers.contains(n.stripTrailingZeros());
    }

    static String normalise(String text) {
        return SourceRegister.normalise(text);
    }

    static String describe(ValidationReport report) {
        return report.getEntries().stream()
                     .map(e -> "  " + e.focusNode() + " " + (e.resultPath() == null ? "" : e.resultPath() + " ")
                               + e.message() + " [" + e.source() + "]")
                     .collect(Collectors.joining("\n"));
    }

    static Stream<Path> ttlFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".ttl")).sorted().collect(Collectors.toList()).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList()).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

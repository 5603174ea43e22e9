package org.guidelinekb.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.reasoner.Evaluation;
import org.guidelinekb.reasoner.PatientCase;
import org.guidelinekb.reasoner.Reasoner;
import org.guidelinekb.reasoner.StatementResult;
import org.guidelinekb.reasoner.Statuses;
import org.guidelinekb.reasoner.Status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * In-process evaluation: a knowledge base ({@code "shipped"}: in memory with the bundled content; otherwise the path
 * of a prepared TDB2 folder) and a fixed set of random cases, evaluated in turn against every guideline's active
 * version, exactly as {@code POST /api/evaluate} does after reading the body (case parsing and validation included,
 * JSON rendering not).
 */
public final class EvaluationWorkload implements AutoCloseable {
    public static final String SHIPPED = "shipped";

    private final KnowledgeBase kb;
    private final List<ObjectNode> cases;
    private final List<JsonNode> requests;
    private final List<PatientCase> parsed;
    private int next;

    private EvaluationWorkload(KnowledgeBase kb, List<ObjectNode> cases) {
        this.kb = kb;
        this.cases = cases;
        this.requests = cases.stream().map(c -> (JsonNode) Cases.request(c)).toList();
        this.parsed = cases.stream().map(c -> PatientCase.given(c, kb.reasoner().attributes())).toList();
    }

    public static EvaluationWorkload open(String kbSpec, int caseCount, long seed) {
        return new EvaluationWorkload(openKb(kbSpec), Cases.random(seed, caseCount));
    }

    /** The shipped content in memory, or a prepared TDB2 folder (nothing loaded into it). */
    public static KnowledgeBase openKb(String kbSpec) {
        AppConfig base = AppConfig.defaults().toBuilder().host("127.0.0.1").port(0).build();
        return SHIPPED.equals(kbSpec)
                ? KnowledgeBase.open(base.withInMemory(true), msg -> { })
                : KnowledgeBase.open(base.withDataDir(Path.of(kbSpec)).withLoadBundled(false), msg -> { });
    }

    /** The measured operation: evaluates the next case. */
    public Evaluation evaluateNext() {
        JsonNode r = requests.get(next);
        next = (next + 1) % requests.size();
        return kb.reasoner().evaluate(r);
    }

    /** The status-only operation on the next case: the same request, the status alone of every statement. */
    public Statuses statusesNext() {
        JsonNode r = requests.get(next);
        next = (next + 1) % requests.size();
        return kb.reasoner().statuses(r);
    }

    /**
     * The status-only operation on the next case parsed in setup (as the engine's peer gets its parameters ready): the
     * decision alone, against every guideline's active version. The derived attributes are computed here, timed, as
     * the engine computes them in its defines.
     */
    public Statuses preparedStatusesNext() {
        PatientCase c = parsed.get(next);
        next = (next + 1) % parsed.size();
        return Reasoner.statuses(kb.reasoner().index().currentVersions(), c.withDerived());
    }

    /** The statement IRIs the reasoner finds applicable for a case (to check the naive peer computes the same). */
    public Set<String> applicable(ObjectNode patientCase) {
        Set<String> out = new LinkedHashSet<>();
        for (StatementResult r : kb.reasoner().evaluate(Cases.request(patientCase)).results()) {
            if (r.status() == Status.APPLICABLE) out.add(r.statement().iri());
        }
        return out;
    }

    /** How many statements one evaluation covers (the active versions). */
    public int statements() {
        return kb.reasoner().evaluate(requests.get(0)).results().size();
    }

    public KnowledgeBase kb() {
        return kb;
    }

    public List<ObjectNode> cases() {
        return cases;
    }

    @Override
    public void close() {
        kb.close();
    }
}

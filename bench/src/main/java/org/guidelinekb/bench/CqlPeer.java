package org.guidelinekb.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.fhir.CqlLibrary;
import org.guidelinekb.fhir.CqlWriter;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.opencds.cqf.cql.engine.execution.EvaluationResult;
import org.opencds.cqf.cql.engine.execution.ExpressionResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CQL peer of the evaluation benchmark: what a FHIR user would run instead of our reasoner. Every guideline's
 * active version, exported as CQL (docs/fhir.md), translated once; a case is evaluated by the reference CQL engine on
 * every statement define of those libraries, the case given as parameters (an attribute it does not give is null).
 */
public final class CqlPeer {
    private record Compiled(CqlLibrary library, CqlRunner runner, Set<String> defines) {}

    private final List<Compiled> libraries = new ArrayList<>();

    private CqlPeer() {}

    /** Translates the active version of every guideline of the knowledge base. */
    public static CqlPeer of(KnowledgeBase kb) {
        CqlPeer p = new CqlPeer();
        ReasonerIndex ix = kb.reasoner().index();
        for (var g : ix.catalog().guidelines()) {
            VersionInfo v = ix.catalog().resolve(g.id(), VersionSelector.CURRENT);
            CqlLibrary lib = new CqlWriter(ix.attributes()).write(ix.version(v));
            CqlRunner r = CqlRunner.of(lib.text());
            if (!r.errors().isEmpty()) throw new IllegalStateException("CQL of " + v.iri() + " does not translate: " + r.errors());
            p.libraries.add(new Compiled(lib, r, new LinkedHashSet<>(lib.defines().values())));
        }
        return p;
    }

    /** A case's parameters for each library, made once (what {@link #applicable(ObjectNode)} makes on every call). */
    public record Prepared(List<Map<String, Object>> parameters) {}

    /** The engine's parameters of a case for each library. */
    public Prepared prepare(ObjectNode patientCase) {
        return new Prepared(libraries.stream().map(c -> parameters(c.library(), patientCase)).toList());
    }

    /** The statement IRIs the engine finds applicable (true) for a case. */
    public Set<String> applicable(ObjectNode patientCase) {
        return applicable(prepare(patientCase));
    }

    /** The statement IRIs the engine finds applicable (true) for a case whose parameters are made. */
    public Set<String> applicable(Prepared patientCase) {
        Set<String> out = new LinkedHashSet<>();
        eachApplicable(patientCase, out::add);
        return out;
    }

    /** The engine's parameters for a case: each declared attribute's value, null when the case does not give it. */
    public static Map<String, Object> parameters(CqlLibrary lib, JsonNode patientCase) {
        Map<String, Object> out = new HashMap<>();
        for (String p : lib.parameters()) out.put(p, value(patientCase.get(p)));
        return out;
    }

    private static Object value(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.intValue();
        if (n.isTextual()) return n.textValue();
        List<String> list = new ArrayList<>();
        n.forEach(x -> list.add(x.textValue()));
        return list;
    }

    /**
     * How many statements the engine finds applicable (true) for a case whose parameters are made: the engine's
     * answer read as it gives it, no set of IRIs built (the peer of {@code Statuses.count}).
     */
    public int applicableCount(Prepared patientCase) {
        int[] n = {0};
        eachApplicable(patientCase, statement -> n[0]++);
        return n[0];
    }

    /** Runs the engine on every library and hands each statement it finds applicable (true) to {@code found}. */
    private void eachApplicable(Prepared patientCase, Consumer<String> found) {
        for (int i = 0; i < libraries.size(); i++) {
            Compiled c = libraries.get(i);
            EvaluationResult r = c.runner().run(c.defines(), patientCase.parameters().get(i));
            c.library().defines().forEach((statement, define) -> {
                ExpressionResult x = r.forExpression(define);
                if (x != null && Boolean.TRUE.equals(x.value())) found.accept(statement);
            });
        }
    }

    /** Statements per evaluation (every define of every library). */
    public int statements() {
        return libraries.stream().mapToInt(c -> c.defines().size()).sum();
    }
}

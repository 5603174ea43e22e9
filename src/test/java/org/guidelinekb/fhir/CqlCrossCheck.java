package org.guidelinekb.fhir;

import org.guidelinekb.bench.CqlRunner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.reasoner.CompiledVersion;
import org.guidelinekb.reasoner.Evaluation;
import org.guidelinekb.reasoner.PatientCase;
import org.guidelinekb.reasoner.Reasoner;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.guidelinekb.reasoner.StatementResult;
import org.guidelinekb.reasoner.Status;
import org.guidelinekb.reasoner.Statuses;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a case through our reasoner and through the reference CQL engine on the exported Library of the same version,
 * and lists every statement where they disagree (applicable = true, not-applicable = false, undetermined = null).
 * One translated library per version, built on first use.
 */
final class CqlCrossCheck {
    private final ReasonerIndex index;
    private final Map<String, CqlLibrary> libraries = new HashMap<>();
    private final Map<String, CqlRunner> runners = new HashMap<>();
    private final Map<String, CqlRunner> elmRunners = new HashMap<>();

    CqlCrossCheck(ReasonerIndex index) {
        this.index = index;
    }

    CqlLibrary library(VersionInfo v) {
        return libraries.computeIfAbsent(v.iri(), k -> new CqlWriter(index.attributes()).write(index.version(v)));
    }

    CqlRunner runner(VersionInfo v) {
        return runners.computeIfAbsent(v.iri(), k -> {
            CqlRunner r = CqlRunner.of(library(v).text());
            if (!r.errors().isEmpty()) throw new AssertionError("CQL of " + v.iri() + " does not compile: " + r.errors());
            return r;
        });
    }

    /** The engine on our ELM JSON alone (ElmWriter): no CQL source is given to it. */
    CqlRunner elmRunner(VersionInfo v) {
        return elmRunners.computeIfAbsent(v.iri(), k -> CqlRunner.ofElm(library(v).name(), library(v).version(), ElmWriter.json(library(v))));
    }

    /**
     * Statement IRI → "ours vs engine" for each disagreement, the engine run twice: on the translator's ELM of the CQL
     * text, and on our own ELM JSON; {@code checked[0]} counts the statements compared (each against both).
     */
    List<String> mismatches(VersionInfo v, JsonNode patientCase, int[] checked) {
        List<String> out = new ArrayList<>(mismatches(v, patientCase, runner(v), "CQL engine on the translated CQL"));
        out.addAll(mismatches(v, patientCase, elmRunner(v), "CQL engine on our ELM"));
        checked[0] += index.version(v).statements().size();
        return out;
    }

    private List<String> mismatches(VersionInfo v, JsonNode patientCase, CqlRunner runner, String engineName) {
        PatientCase c = PatientCase.of(patientCase, index.attributes());
        Evaluation ours = Reasoner.evaluate(index, v, c);
        CqlLibrary lib = library(v);
        Map<String, Object> engine = runner.evaluate(new LinkedHashSet<>(lib.defines().values()), org.guidelinekb.bench.CqlPeer.parameters(lib, patientCase));
        List<String> out = new ArrayList<>();
        for (StatementResult r : ours.results()) {
            Object got = engine.get(lib.defines().get(r.statement().iri()));
            Object want = switch (r.status()) {
                case APPLICABLE -> Boolean.TRUE;
                case NOT_APPLICABLE -> Boolean.FALSE;
                case UNDETERMINED -> null;
            };
            if (want == null ? got != null : !want.equals(got)) {
                out.add(r.statement().iri() + ": reasoner " + r.status().word() + ", " + engineName + " " + got + " for case " + patientCase);
            }
        }
        // the statuses alone (status tables, attribute-test groups) against the same full evaluation
        Statuses alone = Reasoner.statuses(List.of(index.version(v)), c);
        Map<String, Status> full = new HashMap<>();
        ours.results().forEach(r -> full.put(r.statement().iri(), r.status()));
        for (int k = 0; k < alone.size(); k++) {
            if (alone.status(k) != full.get(alone.statement(k).iri())) {
                out.add(alone.statement(k).iri() + ": statuses alone " + alone.status(k).word() + ", full evaluation "
                        + full.get(alone.statement(k).iri()).word() + " for case " + patientCase);
            }
        }
        return out;
    }

    CompiledVersion compiled(VersionInfo v) {
        return index.version(v);
    }
}

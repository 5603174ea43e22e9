package org.guidelinekb.bench;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.CqlTranslator;
import org.cqframework.cql.cql2elm.CqlCompilerOptions;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.elm.serializing.jackson.ElmJsonLibraryReader;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.Library;
import org.cqframework.cql.cql2elm.ModelManager;
import org.cqframework.cql.cql2elm.StringLibrarySourceProvider;
import org.hl7.elm.r1.VersionedIdentifier;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.Environment;
import org.opencds.cqf.cql.engine.execution.EvaluationResult;

/**
 * One exported CQL library (org.guidelinekb.fhir.CqlWriter), translated by the reference translator
 * (info.cqframework:cql-to-elm) and run by the reference CQL engine (info.cqframework:engine): the CQL peer of the
 * benchmarks, and what the FHIR tests check the export with. Test and bench scope only.
 */
public final class CqlRunner {
    private final VersionedIdentifier id;
    private final CqlEngine engine;
    private final List<CqlCompilerException> errors;
    private final String elmJson;

    private CqlRunner(String cql) {
        LibraryManager libraries = new LibraryManager(new ModelManager());
        libraries.getLibrarySourceLoader().registerProvider(new StringLibrarySourceProvider(List.of(cql)));
        CqlTranslator t = CqlTranslator.fromText(cql, libraries);
        this.errors = t.getErrors().stream().filter(e -> e.getSeverity() == CqlCompilerException.ErrorSeverity.Error).toList();
        this.id = errors.isEmpty() ? t.getTranslatedLibrary().getIdentifier() : null;
        this.elmJson = errors.isEmpty() ? t.toJson() : null;
        this.engine = new CqlEngine(new Environment(libraries));
    }

    private CqlRunner(VersionedIdentifier id, String elmJson) {
        Library elm;
        try {
            elm = new ElmJsonLibraryReader().read(elmJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("not ELM JSON: " + e.getMessage(), e);
        }
        CompiledLibrary compiled = new CompiledLibrary();
        compiled.setLibrary(elm);
        compiled.setIdentifier(elm.getIdentifier());
        if (elm.getUsings() != null) elm.getUsings().getDef().forEach(compiled::add);
        if (elm.getParameters() != null) elm.getParameters().getDef().forEach(compiled::add);
        if (elm.getStatements() != null) {
            elm.getStatements().getDef().forEach(compiled::add);
            // as the manager does after loading ELM: the engine finds a define by binary search on its name
            elm.getStatements().getDef().sort(Comparator.comparing(ExpressionDef::getName));
        }
        Map<VersionedIdentifier, CompiledLibrary> cache = new HashMap<>();
        cache.put(id, compiled);
        LibraryManager libraries = new LibraryManager(new ModelManager(), CqlCompilerOptions.defaultOptions(), cache);
        this.id = id;
        this.errors = List.of();
        this.elmJson = elmJson;
        this.engine = new CqlEngine(new Environment(libraries));
    }

    public static CqlRunner of(String cql) {
        return new CqlRunner(cql);
    }

    /**
     * A library given only as ELM JSON (no CQL source anywhere, no translator run): read with elm-jackson and handed
     * to the engine's library manager as its compiled library. (The manager's own ELM loading, through a source
     * provider answering {@code LibraryContentType.JSON}, accepts only ELM annotated with a translator version equal to
     * its compatibility level and its exact compiler options, i.e. ELM the translator wrote; ours carries no such
     * claim.)
     */
    public static CqlRunner ofElm(String name, String version, String elmJson) {
        return new CqlRunner(new VersionedIdentifier().withId(name).withVersion(version), elmJson);
    }

    /** The translator's errors (warnings and messages left out). */
    public List<String> errors() {
        return errors.stream().map(e -> e.getMessage() + (e.getLocator() == null ? "" : " at " + e.getLocator())).toList();
    }

    public String elmJson() {
        return elmJson;
    }

    /** The engine's result for the given defines and parameters (a missing parameter is null). */
    public EvaluationResult run(Set<String> defines, Map<String, Object> parameters) {
        return engine.evaluate(id, defines, parameters);
    }

    /** The value of each define with the given parameters (a missing parameter is null). */
    public Map<String, Object> evaluate(Set<String> defines, Map<String, Object> parameters) {
        EvaluationResult r = run(defines, parameters);
        java.util.Map<String, Object> out = new java.util.HashMap<>();
        for (String d : defines) out.put(d, r.forExpression(d) == null ? null : r.forExpression(d).value());
        return out;
    }
}

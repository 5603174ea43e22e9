package org.guidelinekb.reasoner;

import java.util.List;

/**
 * The compiled statements of one guideline version, in display order, and their criteria as one flat
 * {@link VersionProgram} (what evaluation runs). Immutable.
 */
public record CompiledVersion(String guideline, String label, String iri, List<CompiledStatement> statements,
                              VersionProgram program) {

    /** Compiles the statements' program; {@code attributes}: the catalogue the statements were compiled with. */
    public CompiledVersion(String guideline, String label, String iri, List<CompiledStatement> statements, CaseAttributes attributes) {
        this(guideline, label, iri, statements, VersionProgram.of(statements, attributes));
    }

    /** The size of the outcome array one evaluation of the version fills (each statement from its own offset). */
    public int slots() {
        return program.slots();
    }
}

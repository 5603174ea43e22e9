package org.guidelinekb.reasoner;

import java.util.List;

/**
 * The compiled statements of one guideline version, in display order. Immutable.
 *
 * @param slots the statements' outcome slots together: the size of the outcome array one evaluation of the version
 *              fills (each statement from its own offset)
 */
public record CompiledVersion(String guideline, String label, String iri, List<CompiledStatement> statements, int slots) {

    public CompiledVersion(String guideline, String label, String iri, List<CompiledStatement> statements) {
        this(guideline, label, iri, statements, statements.stream().mapToInt(CompiledStatement::slots).sum());
    }
}

package org.guidelinekb.queries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransform;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformCopyBase;
import org.apache.jena.sparql.syntax.syntaxtransform.ExprTransformApplyElementTransform;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;

/**
 * The VALUES blocks of a parsed query, found and replaced on its syntax tree (never on text). A named query keeps one
 * {@code VALUES ?name { ... }} block per parameter, anywhere in its WHERE clause (also inside OPTIONAL, UNION,
 * EXISTS and NOT EXISTS, not inside a sub-SELECT); binding a parameter replaces that block's rows with the given
 * RDF terms. See sparql/README.md, "Named query format".
 */
final class ValuesSlots {
    private ValuesSlots() {}

    /** Every VALUES block of the WHERE clause, in the order the transform meets them. */
    static List<ElementData> find(Query query) {
        List<ElementData> found = new ArrayList<>();
        ElementTransform collect = new ElementTransformCopyBase() {
            @Override
            public Element transform(ElementData el) {
                // a block inside nested EXISTS can be met more than once: keep each block once
                if (found.stream().noneMatch(f -> f == el)) found.add(el);
                return el;
            }
        };
        QueryTransformOps.transform(query, collect, new ExprTransformApplyElementTransform(collect));
        return found;
    }

    /**
     * A new query whose single-variable VALUES blocks for the variables in {@code values} hold those terms, one row
     * per term; a {@code null} term is an UNDEF row (no constraint). The given query is not changed.
     */
    static Query replace(Query query, Map<String, List<Node>> values) {
        ElementTransform swap = new ElementTransformCopyBase() {
            @Override
            public Element transform(ElementData el) {
                if (el.getVars().size() != 1) return el;
                Var v = el.getVars().get(0);
                List<Node> terms = values.get(v.getVarName());
                if (terms == null) return el;
                List<Binding> rows = new ArrayList<>();
                for (Node t : terms) rows.add(t == null ? BindingFactory.empty() : BindingFactory.binding(v, t));
                return new ElementData(List.of(v), rows);
            }
        };
        return QueryTransformOps.transform(query, swap, new ExprTransformApplyElementTransform(swap));
    }
}

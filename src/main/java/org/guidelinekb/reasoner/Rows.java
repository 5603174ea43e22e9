package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;

/** Reads query rows into plain values, grouped by a key variable (first value of each variable wins). */
final class Rows {
    private Rows() {}

    /** Rows grouped by the value of {@code keyVar}, in first-seen order; each group keeps every row. */
    static Map<String, List<Binding>> groupBy(Iterator<Binding> rows, String keyVar) {
        Map<String, List<Binding>> out = new LinkedHashMap<>();
        while (rows.hasNext()) {
            Binding b = rows.next();
            String key = str(b, keyVar);
            if (key != null) out.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
        }
        return out;
    }

    /** The first non-null value of {@code var} among the rows. */
    static String first(List<Binding> rows, String var) {
        for (Binding b : rows) {
            String s = str(b, var);
            if (s != null) return s;
        }
        return null;
    }

    /** The first bound node of {@code var} among the rows. */
    static Node firstNode(List<Binding> rows, String var) {
        for (Binding b : rows) {
            Node n = b.get(var);
            if (n != null) return n;
        }
        return null;
    }

    /** Every distinct non-null value of {@code var} among the rows, in order. */
    static List<String> all(List<Binding> rows, String var) {
        List<String> out = new ArrayList<>();
        for (Binding b : rows) {
            String s = str(b, var);
            if (s != null && !out.contains(s)) out.add(s);
        }
        return out;
    }

    static String str(Binding b, String var) {
        Node n = b.get(var);
        if (n == null) return null;
        return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }

    static Integer integer(String s) {
        if (s == null) return null;
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

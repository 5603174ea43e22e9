package org.guidelinekb.fhir;

import java.util.List;

/**
 * The logic of an exported library as a small expression tree: what {@link CqlWriter} builds once per version from
 * the reasoner's compiled criteria, and what both renderings read, the CQL text ({@link #cql}) and the ELM JSON
 * ({@link ElmWriter}), so that the two cannot say different things. Only the System model's Boolean, Integer, String
 * and List&lt;String&gt; occur.
 */
public final class CqlLogic {
    private CqlLogic() {}

    /** A System type: its CQL spelling and its ELM qualified name. */
    public enum Type {
        BOOLEAN("Boolean"), INTEGER("Integer"), STRING("String"), STRING_LIST("List<String>");

        private final String cql;

        Type(String cql) {
            this.cql = cql;
        }

        public String cql() {
            return cql;
        }
    }

    /** {@code parameter "name" Type}. */
    public record Parameter(String name, Type type) {}

    /** {@code define "name": expression}, preceded by a comment. */
    public record Define(String name, String comment, Expr expression) {}

    public sealed interface Expr permits Literal, Unknown, Ref, Alias, AllOf, AnyOf, Not, Compare, In, Exists, AnyWhere, IfNull {}

    /** A Boolean, Integer or String literal ({@code value} is its text: true, 18, bone). */
    public record Literal(Type type, String value) implements Expr {}

    /** {@code (null as Boolean)}: a criterion no case can decide, with why (a comment in CQL). */
    public record Unknown(String why) implements Expr {}

    /** A parameter ({@code parameter} = true) or a define of this library, by name. */
    public record Ref(String name, Type type, boolean parameter) implements Expr {}

    /** The element of the list an {@link AnyWhere} ranges over ({@code V}). */
    public record Alias() implements Expr {}

    public record AllOf(List<Expr> operands) implements Expr {}

    public record AnyOf(List<Expr> operands) implements Expr {}

    public record Not(Expr operand) implements Expr {}

    /** {@code left op right} with op one of {@code =}, {@code >=}, {@code <=}; both sides of {@code type}. */
    public record Compare(String op, Type type, Expr left, Literal right) implements Expr {}

    /** {@code item in {v1, v2}} (never empty: an empty set is the literal false). */
    public record In(Expr item, List<Literal> values) implements Expr {}

    /** {@code exists list}. */
    public record Exists(Expr list) implements Expr {}

    /** {@code exists (list V where predicate)}. */
    public record AnyWhere(Expr list, Expr predicate) implements Expr {}

    /** {@code if tested is null then null else known}. */
    public record IfNull(Ref tested, Expr known) implements Expr {}

    public static final String ALIAS = "V";

    /** The CQL text of an expression (the form CqlWriter has always written). */
    public static String cql(Expr e) {
        StringBuilder sb = new StringBuilder();
        cql(e, sb);
        return sb.toString();
    }

    private static void cql(Expr e, StringBuilder sb) {
        if (e instanceof Literal l) {
            sb.append(l.type() == Type.STRING ? "'" + CqlWriter.escape(l.value()) + "'" : l.value());
        } else if (e instanceof Unknown u) {
            sb.append("(null as Boolean) /* ").append(CqlWriter.comment(u.why())).append(" */");
        } else if (e instanceof Ref r) {
            sb.append(CqlWriter.quoted(r.name()));
        } else if (e instanceof Alias) {
            sb.append(ALIAS);
        } else if (e instanceof AllOf a) {
            join(a.operands(), " and ", "true", sb);
        } else if (e instanceof AnyOf a) {
            join(a.operands(), " or ", "false", sb);
        } else if (e instanceof Not n) {
            sb.append("not (");
            cql(n.operand(), sb);
            sb.append(')');
        } else if (e instanceof Compare c) {
            sb.append('(');
            cql(c.left(), sb);
            sb.append(' ').append(c.op()).append(' ');
            cql(c.right(), sb);
            sb.append(')');
        } else if (e instanceof In i) {
            cql(i.item(), sb);
            sb.append(" in {");
            for (int k = 0; k < i.values().size(); k++) {
                if (k > 0) sb.append(", ");
                cql(i.values().get(k), sb);
            }
            sb.append('}');
        } else if (e instanceof Exists x) {
            sb.append("exists ");
            cql(x.list(), sb);
        } else if (e instanceof AnyWhere w) {
            sb.append("exists (");
            cql(w.list(), sb);
            sb.append(' ').append(ALIAS).append(" where ");
            cql(w.predicate(), sb);
            sb.append(')');
        } else {
            IfNull g = (IfNull) e;
            sb.append("(if ");
            cql(g.tested(), sb);
            sb.append(" is null then null else ");
            cql(g.known(), sb);
            sb.append(')');
        }
    }

    /** {@code (a op b op c)}; no operands is the operator's identity (true for and, false for or). */
    private static void join(List<Expr> operands, String op, String empty, StringBuilder sb) {
        if (operands.isEmpty()) {
            sb.append(empty);
            return;
        }
        sb.append('(');
        for (int k = 0; k < operands.size(); k++) {
            if (k > 0) sb.append(op);
            cql(operands.get(k), sb);
        }
        sb.append(')');
    }
}

package org.guidelinekb.sparqlendpoint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.function.FunctionBase;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformCopyBase;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.sparql.util.Symbol;

/**
 * Regular expressions on the public endpoint ({@code REGEX}, {@code REPLACE}, {@code fn:matches}, {@code fn:replace}).
 * A backtracking match can run for hours on a short input ({@code "^(.*a){10}$"}), and neither ARQ's timeout nor our
 * watchdog can stop a running match. So:
 * <ul>
 * <li>Embedded: {@link #bounded} rewrites the query so that these calls run our own functions, which match over a
 *     {@link CharSequence} that checks the query's deadline as the engine reads it and throws
 *     {@link QueryCancelledException} once it has passed (Fuseki answers 503, a timeout). Inputs longer than
 *     {@value #MAX_INPUT_CHARS} characters do not match (an evaluation error: the FILTER is false).</li>
 * <li>Both modes: {@link #refusal} refuses a constant pattern longer than {@value #MAX_PATTERN_CHARS} characters.</li>
 * <li>Forwarding to a remote store, whose regex engine we cannot stop: {@link #refusal} with {@code strict} also
 *     refuses a pattern that is not a constant string, a repeated group holding a repetition or an alternation
 *     ({@code (.*a){10}}, {@code (a|aa)+}), a back-reference, and more than {@value #MAX_UNBOUNDED} unbounded
 *     repetitions.</li>
 * </ul>
 */
public final class RegexLimits {
    public static final int MAX_PATTERN_CHARS = 1000;
    public static final int MAX_INPUT_CHARS = 100_000;
    static final int MAX_UNBOUNDED = 2;
    /** The query's deadline ({@link System#nanoTime()}), set in the execution context by the endpoint. */
    public static final Symbol DEADLINE = Symbol.create("urn:gkb:sparql:regexDeadline");
    private static final String XFN = "http://www.w3.org/2005/xpath-functions#";
    static final String REGEX_IRI = "urn:gkb:fn:bounded-regex";
    static final String REPLACE_IRI = "urn:gkb:fn:bounded-replace";

    static {
        FunctionRegistry.get().put(REGEX_IRI, uri -> new BoundedRegex());
        FunctionRegistry.get().put(REPLACE_IRI, uri -> new BoundedReplace());
    }

    private RegexLimits() { }

    /** Why {@code query} is refused, or empty. {@code strict}: the regex runs where we cannot stop it. */
    public static Optional<String> refusal(Query query, boolean strict) {
        AtomicReference<String> why = new AtomicReference<>();
        QueryTransformOps.transform(query, new ElementTransformCopyBase(), new ExprTransformCopy() {
            @Override public Expr transform(ExprFunctionN func, ExprList args) {
                if (why.get() == null && isRegex(func)) why.set(check(func.getArg(2), strict));
                return super.transform(func, args);
            }
        });
        return Optional.ofNullable(why.get());
    }

    /** {@code query} with its regular expressions evaluated by the deadline-checking functions. */
    public static Query bounded(Query query) {
        return QueryTransformOps.transform(query, new ElementTransformCopyBase(), new ExprTransformCopy() {
            @Override public Expr transform(ExprFunctionN func, ExprList args) {
                if (func instanceof E_Regex || isXfn(func, "matches")) return new E_Function(REGEX_IRI, args);
                if (func instanceof E_StrReplace || isXfn(func, "replace")) return new E_Function(REPLACE_IRI, args);
                return super.transform(func, args);
            }
        });
    }

    private static boolean isRegex(ExprFunctionN f) {
        return f instanceof E_Regex || f instanceof E_StrReplace || isXfn(f, "matches") || isXfn(f, "replace");
    }

    private static boolean isXfn(ExprFunctionN f, String name) {
        return f instanceof E_Function fn && (XFN + name).equals(fn.getFunctionIRI());
    }

    /** Null when {@code pattern} is allowed. */
    private static String check(Expr pattern, boolean strict) {
        if (pattern == null) return null;
        if (!pattern.isConstant() || !pattern.getConstant().isString()) {
            return strict ? "a regular expression's pattern must be a literal string on this endpoint" : null;
        }
        String p = pattern.getConstant().getString();
        if (p.length() > MAX_PATTERN_CHARS) {
            return "a regular expression's pattern is longer than " + MAX_PATTERN_CHARS + " characters";
        }
        return strict ? backtrackingRisk(p) : null;
    }

    /**
     * Why {@code p} may backtrack without end, or null: a repeated group that holds a repetition or an alternation,
     * a back-reference, or more than {@value #MAX_UNBOUNDED} unbounded repetitions.
     */
    static String backtrackingRisk(String p) {
        Deque<boolean[]> groups = new ArrayDeque<>(); // per open group: holds a repetition or '|'
        boolean lastWasRiskyGroup = false;
        int unbounded = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            boolean riskyGroupClosed = false;
            switch (c) {
                case '\\' -> {
                    if (i + 1 < p.length() && Character.isDigit(p.charAt(i + 1)) && p.charAt(i + 1) != '0'
                            || i + 1 < p.length() && p.charAt(i + 1) == 'k') {
                        return "back-references in a regular expression are not served by this endpoint";
                    }
                    i++;
                }
                case '[' -> i = classEnd(p, i);
                case '(' -> groups.push(new boolean[] {false});
                case ')' -> {
                    boolean inner = groups.isEmpty() ? false : groups.pop()[0];
                    if (inner && !groups.isEmpty()) groups.peek()[0] = true;
                    riskyGroupClosed = inner;
                }
                case '|' -> {
                    if (!groups.isEmpty()) groups.peek()[0] = true;
                }
                case '*', '+', '{' -> {
                    boolean repeats = true;
                    if (c == '{') {
                        int close = p.indexOf('}', i);
                        if (close < 0) break;
                        String body = p.substring(i + 1, close);
                        repeats = body.contains(",") || !body.strip().equals("1") && !body.strip().equals("0");
                        if (body.endsWith(",")) unbounded++;
                        i = close;
                    } else {
                        unbounded++;
                    }
                    if (repeats && lastWasRiskyGroup) {
                        return "a repeated group holding a repetition or an alternation (such as (.*a){10} or (a|aa)+) "
                                + "can backtrack without end; this endpoint does not serve it";
                    }
                    if (!groups.isEmpty()) groups.peek()[0] = true;
                }
                default -> { }
            }
            lastWasRiskyGroup = riskyGroupClosed;
        }
        if (unbounded > MAX_UNBOUNDED) {
            return "a regular expression with more than " + MAX_UNBOUNDED + " unbounded repetitions (*, +, {n,}) "
                    + "is not served by this endpoint";
        }
        return null;
    }

    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') i++;
        if (i < p.length() && p.charAt(i) == ']') i++;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') i++;
            else if (c == ']') return i;
        }
        return p.length();
    }

    /** The text a regex reads; past the deadline every read throws, which stops the match. */
    static final class DeadlineChars implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        DeadlineChars(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override public char charAt(int index) {
            if ((++reads & 0x3ff) == 0 && System.nanoTime() - deadline > 0) {
                throw new QueryCancelledException();
            }
            return text.charAt(index);
        }

        @Override public int length() { return text.length(); }
        @Override public CharSequence subSequence(int start, int end) { return text.substring(start, end); }
        @Override public String toString() { return text; }
    }

    private static Matcher matcher(String label, List<NodeValue> args, int patternAt, int flagsAt, String text, FunctionEnv env) {
        if (text.length() > MAX_INPUT_CHARS) {
            throw new ExprEvalException(label + ": the text is longer than " + MAX_INPUT_CHARS + " characters");
        }
        String pattern = NodeValueOps.checkAndGetStringLiteral(label, args.get(patternAt)).getLiteralLexicalForm();
        if (pattern.length() > MAX_PATTERN_CHARS) throw new ExprEvalException(label + ": the pattern is too long");
        String flags = args.size() > flagsAt ? NodeValueOps.checkAndGetStringLiteral(label, args.get(flagsAt)).getLiteralLexicalForm() : null;
        if (flags != null && !flags.chars().allMatch(ch -> "smixq".indexOf(ch) >= 0)) {
            throw new ExprEvalException(label + ": only the flags s, m, i, x and q are allowed");
        }
        Pattern compiled = RegexEngine.makePattern(label, pattern, flags);
        Long deadline = env.getContext() == null ? null : env.getContext().get(DEADLINE);
        CharSequence chars = deadline == null ? text : new DeadlineChars(text, deadline);
        return compiled.matcher(chars);
    }

    /** {@code REGEX(text, pattern [, flags])}, stopped at the query's deadline. */
    static final class BoundedRegex extends FunctionBase {
        @Override public void checkBuild(String uri, ExprList args) {
            if (args.size() < 2 || args.size() > 3) throw new org.apache.jena.query.QueryBuildException("REGEX: 2 or 3 arguments");
        }

        @Override protected NodeValue exec(List<NodeValue> args, FunctionEnv env) {
            String text = NodeValueOps.checkAndGetStringLiteral("REGEX", args.get(0)).getLiteralLexicalForm();
            return NodeValue.makeBoolean(matcher("REGEX", args, 1, 2, text, env).find());
        }

        @Override public NodeValue exec(List<NodeValue> args) {
            throw new IllegalStateException("called with its environment only");
        }
    }

    /** {@code REPLACE(text, pattern, replacement [, flags])}, stopped at the query's deadline. */
    static final class BoundedReplace extends FunctionBase {
        @Override public void checkBuild(String uri, ExprList args) {
            if (args.size() < 3 || args.size() > 4) throw new org.apache.jena.query.QueryBuildException("REPLACE: 3 or 4 arguments");
        }

        @Override protected NodeValue exec(List<NodeValue> args, FunctionEnv env) {
            Node text = NodeValueOps.checkAndGetStringLiteral("REPLACE", args.get(0));
            String replacement = NodeValueOps.checkAndGetStringLiteral("REPLACE", args.get(2)).getLiteralLexicalForm();
            Matcher m = matcher("REPLACE", args, 1, 3, text.getLiteralLexicalForm(), env);
            StringBuilder out = new StringBuilder();
            boolean any = false;
            try {
                while (m.find()) {
                    if (any && m.start() == m.end()) continue; // like ARQ: one empty match, not one per position
                    any = true;
                    m.appendReplacement(out, replacement);
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new ExprEvalException("REPLACE: bad replacement: " + e.getMessage());
            }
            if (!any) return args.get(0);
            m.appendTail(out);
            return NodeValue.makeNode(NodeFactory.createLiteral(out.toString(), text.getLiteralLanguage(), text.getLiteralDatatype()));
        }

        @Override public NodeValue exec(List<NodeValue> args) {
            throw new IllegalStateException("called with its environment only");
        }
    }
}

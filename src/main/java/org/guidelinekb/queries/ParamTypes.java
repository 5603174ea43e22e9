package org.guidelinekb.queries;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.sparql.expr.NodeValue;

/**
 * Turns a parameter's text into the one RDF term its declared type allows: {@code iri} an absolute IRI,
 * {@code string} an xsd:string literal, {@code integer}, {@code decimal}, {@code date} (YYYY-MM-DD) typed literals.
 * The text never becomes query text, so a value cannot leave its slot; a value that is not of the type is refused.
 */
public final class ParamTypes {
    private ParamTypes() {}

    /** Longest accepted value (characters); longer input is refused rather than matched. */
    public static final int MAX_LENGTH = 2000;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,30}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})");
    private static final Pattern IRI_FORBIDDEN = Pattern.compile("[\\s<>\"{}|\\\\^`]");

    /** The term for {@code text}, or an {@link IllegalArgumentException} whose message says what was expected. */
    public static Node parse(String type, String text) {
        if (text.length() > MAX_LENGTH) throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        return switch (type) {
            case "iri" -> iri(text);
            case "string" -> NodeFactory.createLiteralString(text);
            case "integer" -> {
                if (!INTEGER.matcher(text).matches()) throw new IllegalArgumentException("not an integer: '" + text + "'");
                yield NodeFactory.createLiteralDT(new BigInteger(text).toString(), XSDDatatype.XSDinteger);
            }
            case "decimal" -> {
                if (!DECIMAL.matcher(text).matches()) throw new IllegalArgumentException("not a decimal number: '" + text + "'");
                // Jena's canonical form, so that 0.950 and 0.95 are the same term
                yield NodeValue.makeDecimal(new BigDecimal(text)).asNode();
            }
            case "date" -> {
                try {
                    yield NodeFactory.createLiteralDT(LocalDate.parse(text).toString(), XSDDatatype.XSDdate);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("not a date YYYY-MM-DD: '" + text + "'");
                }
            }
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static Node iri(String text) {
        if (IRI_FORBIDDEN.matcher(text).find()) throw new IllegalArgumentException("not an absolute IRI: '" + text + "'");
        try {
            IRIx iri = IRIx.create(text);
            if (!iri.isAbsolute()) throw new IllegalArgumentException("not an absolute IRI: '" + text + "'");
        } catch (IRIException e) {
            throw new IllegalArgumentException("not an absolute IRI: '" + text + "'");
        }
        return NodeFactory.createURI(text);
    }

    /** Whether {@code node} is a term of {@code type} (used to check the defaults written in query files). */
    public static boolean fits(String type, Node node) {
        return switch (type) {
            case "iri" -> node.isURI();
            case "string" -> node.isLiteral() && node.getLiteralDatatype().equals(XSDDatatype.XSDstring);
            case "integer" -> node.isLiteral() && node.getLiteralDatatype().equals(XSDDatatype.XSDinteger);
            case "decimal" -> node.isLiteral() && node.getLiteralDatatype().equals(XSDDatatype.XSDdecimal);
            case "date" -> node.isLiteral() && node.getLiteralDatatype().equals(XSDDatatype.XSDdate);
            default -> false;
        };
    }

    /** The text a client sends for {@code node} (its IRI or lexical form). */
    public static String text(Node node) {
        return node.isURI() ? node.getURI() : node.getLiteralLexicalForm();
    }

    /**
     * Splits a header default written as one token ({@code a}, {@code "a"}, {@code <a>}) or, for a list, as
     * comma-separated tokens ({@code low,very-low} or {@code <a>,<b>}), and strips quotes and angle brackets.
     */
    public static List<String> splitDefault(String written) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char open = 0;
        for (char c : written.toCharArray()) {
            if (open == 0 && (c == '"' || c == '<')) {
                open = c == '"' ? '"' : '>';
            } else if (open != 0 && c == open) {
                open = 0;
            } else if (open == 0 && c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out;
    }
}

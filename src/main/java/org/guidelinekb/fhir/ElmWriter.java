package org.guidelinekb.fhir;

import java.util.List;

import org.guidelinekb.util.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ELM (urn:hl7-org:elm:r1) JSON of an exported library, written from the same expression tree as its CQL
 * ({@link CqlLibrary#logic()}), in the shapes the reference translator (cql-to-elm) gives that CQL: System model only,
 * {@code ParameterDef}s with their type specifiers, one {@code ExpressionDef} per define (context Unfiltered, access
 * Public), {@code and}/{@code or} as left-nested binary {@code And}/{@code Or}, comparisons with their signature,
 * {@code (null as Boolean)} as a non-strict {@code As}, {@code exists (L V where P)} as {@code Exists} of a
 * {@code Query}. One pass over the tree: linear in the size of the version. No annotations, no locators.
 */
public final class ElmWriter {
    public static final String CONTENT_TYPE = "application/elm+json";
    private static final String SYSTEM = "urn:hl7-org:elm-types:r1";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ElmWriter() {}

    /** The ELM JSON document ({@code {"library": ...}}) of a library. */
    public static String json(CqlLibrary lib) {
        ObjectNode library = F.objectNode();
        library.put("type", "Library");
        library.set("identifier", F.objectNode().put("type", "VersionedIdentifier").put("id", lib.name()).put("version", lib.version()));
        library.set("schemaIdentifier", F.objectNode().put("type", "VersionedIdentifier").put("id", "urn:hl7-org:elm").put("version", "r1"));
        ObjectNode using = F.objectNode().put("type", "UsingDef").put("localIdentifier", "System").put("uri", SYSTEM);
        library.putObject("usings").putArray("def").add(using);
        if (!lib.declared().isEmpty()) {
            ArrayNode params = library.putObject("parameters").putArray("def");
            for (CqlLogic.Parameter p : lib.declared()) {
                params.addObject().put("type", "ParameterDef").put("name", p.name()).put("accessLevel", "Public")
                        .set("parameterTypeSpecifier", typeSpecifier(p.type()));
            }
        }
        ArrayNode defs = library.putObject("statements").putArray("def");
        for (CqlLogic.Define d : lib.logic()) {
            defs.addObject().put("type", "ExpressionDef").put("name", d.name()).put("context", "Unfiltered").put("accessLevel", "Public")
                    .set("expression", expression(d.expression()));
        }
        ObjectNode doc = F.objectNode();
        doc.set("library", library);
        try {
            return Json.MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ELM of " + lib.name() + " could not be written", e);
        }
    }

    private static String qualified(CqlLogic.Type t) {
        return "{" + SYSTEM + "}" + (t == CqlLogic.Type.STRING_LIST ? "String" : t.cql());
    }

    private static ObjectNode typeSpecifier(CqlLogic.Type t) {
        ObjectNode named = F.objectNode().put("type", "NamedTypeSpecifier").put("name", qualified(t));
        if (t != CqlLogic.Type.STRING_LIST) return named;
        ObjectNode list = F.objectNode().put("type", "ListTypeSpecifier");
        list.set("elementType", named);
        return list;
    }

    private static ObjectNode node(String type) {
        return F.objectNode().put("type", type);
    }

    private static ObjectNode unary(String type, ObjectNode operand) {
        ObjectNode n = node(type);
        n.set("operand", operand);
        return n;
    }

    private static ObjectNode binary(String type, ObjectNode left, ObjectNode right) {
        ObjectNode n = node(type);
        n.putArray("operand").add(left).add(right);
        return n;
    }

    private static ObjectNode literal(CqlLogic.Literal l) {
        return node("Literal").put("valueType", qualified(l.type())).put("value", l.value());
    }

    /** {@code a and b and c} as the translator nests it: {@code And(And(a, b), c)}; a single operand is itself. */
    private static ObjectNode chain(String type, List<CqlLogic.Expr> operands, boolean empty) {
        if (operands.isEmpty()) return literal(new CqlLogic.Literal(CqlLogic.Type.BOOLEAN, Boolean.toString(empty)));
        ObjectNode out = expression(operands.get(0));
        for (int k = 1; k < operands.size(); k++) out = binary(type, out, expression(operands.get(k)));
        return out;
    }

    static ObjectNode expression(CqlLogic.Expr e) {
        if (e instanceof CqlLogic.Literal l) return literal(l);
        if (e instanceof CqlLogic.Unknown) {
            ObjectNode as = unary("As", node("Null"));
            as.set("asTypeSpecifier", typeSpecifier(CqlLogic.Type.BOOLEAN));
            return as.put("strict", false);
        }
        if (e instanceof CqlLogic.Ref r) return node(r.parameter() ? "ParameterRef" : "ExpressionRef").put("name", r.name());
        if (e instanceof CqlLogic.Alias) return node("AliasRef").put("name", CqlLogic.ALIAS);
        if (e instanceof CqlLogic.AllOf a) return chain("And", a.operands(), true);
        if (e instanceof CqlLogic.AnyOf a) return chain("Or", a.operands(), false);
        if (e instanceof CqlLogic.Not n) return unary("Not", expression(n.operand()));
        if (e instanceof CqlLogic.Compare c) {
            String type = switch (c.op()) {
                case "=" -> "Equal";
                case ">=" -> "GreaterOrEqual";
                case "<=" -> "LessOrEqual";
                default -> throw new IllegalArgumentException("no ELM for the comparison " + c.op());
            };
            ObjectNode n = binary(type, expression(c.left()), literal(c.right()));
            n.putArray("signature").add(typeSpecifier(c.type())).add(typeSpecifier(c.type()));
            return n;
        }
        if (e instanceof CqlLogic.In i) {
            ObjectNode list = node("List");
            ArrayNode elements = list.putArray("element");
            for (CqlLogic.Literal l : i.values()) elements.add(literal(l));
            return binary("In", expression(i.item()), list);
        }
        if (e instanceof CqlLogic.Exists x) return unary("Exists", expression(x.list()));
        if (e instanceof CqlLogic.AnyWhere w) {
            ObjectNode query = node("Query");
            ObjectNode source = query.putArray("source").addObject().put("type", "AliasedQuerySource");
            source.set("expression", expression(w.list()));
            source.put("alias", CqlLogic.ALIAS);
            query.set("where", expression(w.predicate()));
            return unary("Exists", query);
        }
        CqlLogic.IfNull g = (CqlLogic.IfNull) e;
        ObjectNode n = node("If");
        n.set("condition", unary("IsNull", expression(g.tested())));
        n.set("then", unary("As", node("Null")).put("asType", qualified(CqlLogic.Type.BOOLEAN)));
        n.set("else", expression(g.known()));
        return n;
    }
}

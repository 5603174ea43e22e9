package org.guidelinekb.hardening;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generated JSON for the input tests: any JSON value (odd numbers, unicode, nesting), objects that may repeat a
 * member, raw fragments that are not valid JSON, and text mutations of a document. A value is a {@link String} /
 * {@link Number} / {@link Boolean} / {@code null} / {@link List} / {@link Obj} / {@link Raw}; {@link #write} makes
 * the text, exactly as generated (Jackson would normalise numbers and forbid repeated members).
 */
final class JsonGen {
    private JsonGen() {}

    /** An object: members in order, names may repeat. */
    record Obj(List<Map.Entry<String, Object>> members) {
        static Obj of(List<Map.Entry<String, Object>> members) {
            return new Obj(List.copyOf(members));
        }
    }

    /** Text written as it is (invalid JSON on purpose, or numbers Jackson would rewrite). */
    record Raw(String text) {}

    static Map.Entry<String, Object> member(String name, Object value) {
        return new java.util.AbstractMap.SimpleImmutableEntry<>(name, value);
    }

    /** Strings: mostly short, of every kind of character (unpaired surrogates too), sometimes long. */
    static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars("-_. ").ofMaxLength(20)),
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(12)),
                Tuple.of(1, Arbitraries.of("", " ", "\u0000", "\u202e", "\ud83d\ude00", "\ud800", "e\u0301", "ǅ", "\uFEFF", "null",
                        "true", "0", "-1", "NaN", "<script>alert(1)</script>", "' OR '1'='1", "${jndi:ldap://127.0.0.1/x}",
                        "%00", "../../etc/passwd", "\\u0000", "a\r\nX-Injected: 1")),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1000).ofMaxLength(5000)));
    }

    /** Numbers, including ones outside every range: huge, tiny, negative zero, exponent forms. */
    static Arbitrary<Object> numbers() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-5, 200).map(i -> (Object) i)),
                Tuple.of(2, Arbitraries.longs().map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(19), BigInteger.TEN.pow(60)).map(b -> (Object) b)),
                Tuple.of(1, Arbitraries.doubles().map(d -> Double.isFinite(d) ? (Object) d : (Object) new Raw("1e400"))),
                Tuple.of(1, Arbitraries.of("1e400", "-1e400", "1E-400", "-0", "0.0", "1.0", "4.0000000000000000001", "2e0", "130.5",
                        "1e2", "123456789012345678901234567890.5", "-9223372036854775809", "9223372036854775808").map(s -> (Object) new Raw(s))),
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(30))
                        .map(b -> (Object) new BigDecimal(b, -300))));
    }

    /** Any JSON value, nested at most {@code depth} containers deep. */
    static Arbitrary<Object> values(int depth) {
        Arbitrary<Object> leaf = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(2, Arbitraries.of(true, false).map(b -> (Object) b)),
                Tuple.of(3, numbers()),
                Tuple.of(4, strings().map(s -> (Object) s)));
        if (depth <= 0) return leaf;
        Arbitrary<Object> inner = Arbitraries.lazy(() -> values(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(6, leaf),
                Tuple.of(2, inner.list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(2, objects(strings(), inner, 4).map(o -> (Object) o)));
    }

    /** Objects with member names from {@code names} and values from {@code values} (names may repeat). */
    static Arbitrary<Obj> objects(Arbitrary<String> names, Arbitrary<Object> values, int maxSize) {
        return net.jqwik.api.Combinators.combine(names, values).as(JsonGen::member).list().ofMaxSize(maxSize).map(Obj::of);
    }

    /** A nesting of {@code depth} arrays or objects around a value: past the server's nesting limit when deep. */
    static String deep(int depth, boolean objects) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) sb.append(objects ? "{\"a\":" : "[");
        sb.append("1");
        for (int i = 0; i < depth; i++) sb.append(objects ? "}" : "]");
        return sb.toString();
    }

    /** Text mutations of a valid document: cut it, drop or repeat a slice, insert a character or junk. */
    static Arbitrary<String> mutations(String doc) {
        int n = doc.length();
        Arbitrary<Integer> at = Arbitraries.integers().between(0, n);
        return Arbitraries.frequencyOf(
                Tuple.of(3, at.map(i -> doc.substring(0, i))),
                Tuple.of(2, net.jqwik.api.Combinators.combine(at, Arbitraries.integers().between(1, 40))
                        .as((i, len) -> doc.substring(0, i) + doc.substring(Math.min(n, i + len)))),
                Tuple.of(2, net.jqwik.api.Combinators.combine(at, Arbitraries.of("{", "}", "[", "]", "\"", ",", ":", "\\", "\u0000", "\ud800",
                        "<", ">", "@", ";", ".", " a ", "\n", "'", "#", "_:b", "^^", "1e400")).as((i, s) -> doc.substring(0, i) + s + doc.substring(i))),
                Tuple.of(1, net.jqwik.api.Combinators.combine(at, at).as((i, j) -> doc.substring(0, Math.min(i, j)) + doc
                        .substring(Math.min(i, j), Math.max(i, j)) + doc.substring(Math.min(i, j)))));
    }

    /** A parsed JSON document as a generated value (so a seed document can be changed member by member). */
    static Object fromJson(JsonNode n) {
        if (n.isObject()) {
            List<Map.Entry<String, Object>> ms = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) ms.add(member(e.getKey(), fromJson(e.getValue())));
            return Obj.of(ms);
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(fromJson(x)));
            return l;
        }
        if (n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isNumber()) return new Raw(n.asText());
        return n.asText();
    }

    /** The JSON text of a generated value. */
    static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
        } else if (v instanceof Raw r) {
            sb.append(r.text());
        } else if (v instanceof BigDecimal b) {
            sb.append(b.toString());
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(',');
                write(l.get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof Obj o) {
            sb.append('{');
            for (int i = 0; i < o.members().size(); i++) {
                if (i > 0) sb.append(',');
                write(o.members().get(i).getKey(), sb);
                sb.append(':');
                write(o.members().get(i).getValue(), sb);
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("not a generated JSON value: " + v.getClass());
        }
    }
}

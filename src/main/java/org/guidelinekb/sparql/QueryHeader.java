package org.guidelinekb.sparql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.query.Query;

/**
 * Reads the comment header of a query file (format in {@code sparql/README.md}):
 * <pre>
 * # summary: one line
 * # description: more text (may continue on following "#   " lines)
 * # tags: a, b
 * # param: name type [list] (required | default VALUE) [-- description]
 * </pre>
 */
final class QueryHeader {
    private QueryHeader() {}

    static final Set<String> TYPES = Set.of("iri", "string", "integer", "decimal", "date");
    private static final Pattern FIELD = Pattern.compile("^#\\s*(summary|description|tags|param):\\s*(.*)$");
    private static final Pattern PARAM = Pattern.compile(
            "^([A-Za-z_][A-Za-z0-9_]*)\\s+(\\w+)(\\s+list)?\\s+(required|default\\s+(\"[^\"]*\"|<[^>]*>|\\S+))\\s*(?:--\\s*(.*))?$");

    static NamedQuery parse(String file, String name, String text, Query query) {
        String summary = "";
        StringBuilder description = new StringBuilder();
        List<String> tags = List.of();
        List<QueryParam> params = new ArrayList<>();
        String last = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("#")) {
                if (line.isEmpty()) continue;
                break; // header ends at the first non-comment line
            }
            Matcher m = FIELD.matcher(line);
            if (m.matches()) {
                last = m.group(1);
                String value = m.group(2).strip();
                switch (last) {
                    case "summary" -> summary = value;
                    case "description" -> description.append(value);
                    case "tags" -> tags = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                    case "param" -> params.add(param(file, i + 1, value));
                    default -> { }
                }
            } else if ("description".equals(last) && line.length() > 1) {
                description.append(' ').append(line.substring(1).strip());
            } else {
                last = null;
            }
        }
        return new NamedQuery(name, summary, description.toString().strip(), tags, List.copyOf(params), query, text);
    }

    private static QueryParam param(String file, int line, String spec) {
        Matcher m = PARAM.matcher(spec);
        if (!m.matches()) {
            throw new QueryFileException(file, line, 1,
                    "bad parameter declaration '" + spec + "'; expected: name type [list] (required | default VALUE) [-- description]");
        }
        String type = m.group(2);
        if (!TYPES.contains(type)) {
            throw new QueryFileException(file, line, 1, "unknown parameter type '" + type + "'; one of " + TYPES);
        }
        boolean required = m.group(4).equals("required");
        // a list default stays as written ("a,b" or "<a>,<b>"); its reader splits it (org.guidelinekb.queries)
        String def = required ? null : m.group(3) != null ? m.group(5) : unquote(m.group(5));
        return new QueryParam(m.group(1), type, m.group(3) != null, required, def, m.group(6) == null ? "" : m.group(6).strip());
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("<") && v.endsWith(">")))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}

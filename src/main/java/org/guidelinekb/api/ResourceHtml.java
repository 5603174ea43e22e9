package org.guidelinekb.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;
import org.guidelinekb.queries.ResourceDescriber;
import org.guidelinekb.queries.ResourceDescription;
import org.guidelinekb.vocab.GKB;

/** A readable HTML page for one resource: its triples per graph, then the provenance of those graphs. */
final class ResourceHtml {
    private ResourceHtml() {}

    static final Map<String, String> PREFIXES = prefixes();

    private static Map<String, String> prefixes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gkb", GKB.NS);
        m.put("id", GKB.ID);
        m.put("code", GKB.CODE);
        m.put("graph", GKB.GRAPH);
        m.put("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        m.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        m.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        m.put("owl", "http://www.w3.org/2002/07/owl#");
        m.put("skos", "http://www.w3.org/2004/02/skos/core#");
        m.put("dct", "http://purl.org/dc/terms/");
        m.put("prov", "http://www.w3.org/ns/prov#");
        m.put("pav", "http://purl.org/pav/");
        return m;
    }

    private static final String SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel";

    static String render(ResourceDescription d) {
        Node self = NodeFactory.createURI(d.iri());
        Map<Node, String> labels = new LinkedHashMap<>();
        d.quads().find().forEachRemaining(q -> {
            String p = q.getPredicate().getURI();
            if ((p.equals(RDFS.label.getURI()) || p.equals(SKOS_PREF)) && q.getObject().isLiteral()) {
                labels.putIfAbsent(q.getSubject(), q.getObject().getLiteralLexicalForm());
            }
        });
        String title = labels.getOrDefault(self, own(d, self, TITLE_PROPERTIES));
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .append("<title>").append(esc(title)).append(" — guideline-kb</title>")
         .append("<link rel=\"stylesheet\" href=\"/api/docs/assets/gkb-resource.css\">")
         .append("</head><body><main>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p><code>").append(esc(d.iri())).append("</code></p>\n");
        h.append("<p>Also as ");
        String q = "/api/resource?iri=" + URLEncoder.encode(d.iri(), StandardCharsets.UTF_8) + "&amp;format=";
        for (String[] f : new String[][] {{"ttl", "Turtle"}, {"jsonld", "JSON-LD"}, {"nt", "N-Triples"}, {"trig", "TriG (with graphs)"}}) {
            h.append("<a href=\"").append(q).append(f[0]).append("\">").append(f[1]).append("</a> ");
        }
        h.append("</p>\n");

        for (String g : d.graphs()) {
            h.append("<section><h2>In graph <a href=\"").append(href(g)).append("\">").append(esc(compact(g))).append("</a></h2>\n");
            table(h, quads(d, NodeFactory.createURI(g), self), labels);
            h.append("</section>\n");
        }
        List<Quad> prov = new ArrayList<>();
        d.quads().find().forEachRemaining(x -> {
            if (!x.getSubject().equals(self) && (x.getGraph().equals(GKB.catalogGraph) || x.getGraph().equals(GKB.provenanceGraph))) prov.add(x);
        });
        if (!prov.isEmpty()) {
            h.append("<section><h2>Provenance</h2>\n<p>The catalog entry of the version this resource belongs to, "
                    + "and the activities that loaded its graph.</p>\n");
            Map<Node, List<Quad>> bySubject = new LinkedHashMap<>();
            prov.stream().sorted(Comparator.comparing((Quad x) -> x.getSubject().toString()))
                .forEach(x -> bySubject.computeIfAbsent(x.getSubject(), k -> new ArrayList<>()).add(x));
            bySubject.forEach((s, qs) -> {
                h.append("<h3><a href=\"").append(href(s.getURI())).append("\">").append(esc(labels.getOrDefault(s, compact(s.getURI()))))
                 .append("</a></h3>\n");
                table(h, qs, labels);
            });
            h.append("</section>\n");
        }
        h.append("</main></body></html>\n");
        return h.toString();
    }

    /** What names a resource that has no label: a title, a statement's summary, a question's label. */
    private static final List<String> TITLE_PROPERTIES = List.of("http://purl.org/dc/terms/title", GKB.NS + "summary",
            GKB.NS + "locator", "http://purl.org/pav/version");

    private static String own(ResourceDescription d, Node self, List<String> properties) {
        for (String p : properties) {
            var it = d.quads().find(Node.ANY, self, NodeFactory.createURI(p), Node.ANY);
            while (it.hasNext()) {
                Node o = it.next().getObject();
                if (o.isLiteral()) return o.getLiteralLexicalForm();
            }
        }
        return d.iri();
    }

    private static List<Quad> quads(ResourceDescription d, Node graph, Node subject) {
        List<Quad> out = new ArrayList<>();
        d.quads().find(graph, subject, Node.ANY, Node.ANY).forEachRemaining(out::add);
        return out;
    }

    private static void table(StringBuilder h, List<Quad> quads, Map<Node, String> labels) {
        h.append("<table><tbody>\n");
        quads.stream().sorted(Comparator.comparing((Quad x) -> compact(x.getPredicate().getURI())).thenComparing(x -> x.getObject().toString()))
             .forEach(x -> h.append("<tr><th scope=\"row\">").append(esc(compact(x.getPredicate().getURI()))).append("</th><td>")
                           .append(object(x.getObject(), labels)).append("</td></tr>\n"));
        h.append("</tbody></table>\n");
    }

    private static String object(Node o, Map<Node, String> labels) {
        if (o.isURI()) {
            String text = labels.containsKey(o) ? labels.get(o) + " (" + compact(o.getURI()) + ")" : compact(o.getURI());
            return "<a href=\"" + href(o.getURI()) + "\">" + esc(text) + "</a>";
        }
        if (o.isLiteral()) {
            String dt = o.getLiteralDatatypeURI();
            String lang = o.getLiteralLanguage();
            String suffix = !lang.isEmpty() ? " <span class=\"dt\">@" + esc(lang) + "</span>"
                    : dt != null && !dt.endsWith("#string") && !dt.endsWith("#langString") ? " <span class=\"dt\">" + esc(compact(dt)) + "</span>" : "";
            return esc(o.getLiteralLexicalForm()) + suffix;
        }
        return esc(o.toString());
    }

    /** Where a link goes: our own IRIs to this server, others to themselves. */
    static String href(String iri) {
        if (iri.startsWith(GKB.ID)) return "/id/" + esc(pathPart(iri.substring(GKB.ID.length())));
        if (iri.startsWith(GKB.CODE)) return "/code/" + esc(pathPart(iri.substring(GKB.CODE.length())));
        if (iri.startsWith(ResourceDescriber.NAMESPACE)) return "/api/resource?iri=" + URLEncoder.encode(iri, StandardCharsets.UTF_8);
        return esc(iri);
    }

    private static String pathPart(String s) {
        return s.replace("?", "%3F").replace("#", "%23");
    }

    static String compact(String iri) {
        for (var e : PREFIXES.entrySet()) {
            if (iri.startsWith(e.getValue()) && iri.length() > e.getValue().length()) {
                return e.getKey() + ":" + iri.substring(e.getValue().length());
            }
        }
        return iri;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

package org.guidelinekb.api;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.queries.ParamTypes;
import org.guidelinekb.queries.ResourceDescriber;
import org.guidelinekb.queries.ResourceDescription;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Every IRI of the knowledge base resolves here: {@code GET /api/resource?iri=…} for any IRI, and the IRI's own path
 * for IRIs in the server's namespace ({@code /id/…} describes {@code https://w3id.org/gkb/id/…}, {@code /code/…}
 * the code lists' concepts). The answer is the resource's triples from every graph it lives in and the provenance
 * of those graphs, as Turtle (default), JSON-LD, N-Triples, TriG, N-Quads or a readable HTML page, by
 * {@code Accept} or {@code ?format=ttl|jsonld|nt|trig|nq|html}. Unknown IRI: 404.
 */
public final class ResourceController {
    static final String TURTLE = "text/turtle";
    static final String JSONLD = "application/ld+json";
    static final String NTRIPLES = "application/n-triples";
    static final String TRIG = "application/trig";
    static final String NQUADS = "application/n-quads";
    static final String HTML = "text/html";
    static final List<String> OFFERED = List.of(TURTLE, JSONLD, NTRIPLES, TRIG, NQUADS, HTML);
    private static final Map<String, String> FORMATS = Map.of("ttl", TURTLE, "jsonld", JSONLD, "nt", NTRIPLES,
            "trig", TRIG, "nq", NQUADS, "html", HTML);
    private static final Map<String, Lang> LANGS = Map.of(TURTLE, Lang.TURTLE, JSONLD, Lang.JSONLD, NTRIPLES, Lang.NTRIPLES,
            TRIG, Lang.TRIG, NQUADS, Lang.NQUADS);

    private final ResourceDescriber describer;

    public ResourceController(ResourceDescriber describer) {
        this.describer = describer;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/resource", ctx -> {
            String iri = ctx.queryParam("iri");
            if (iri == null || iri.isBlank()) {
                throw new InvalidInputException("give the IRI to describe: /api/resource?iri=…",
                        List.of(new InvalidInputException.FieldError("iri", "required", null)));
            }
            try {
                ParamTypes.parse("iri", iri);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("iri: " + e.getMessage(), List.of(new InvalidInputException.FieldError("iri", e.getMessage(), null)));
            }
            answer(ctx, iri);
        });
        r.get("/id/<path>", ctx -> answer(ctx, ResourceDescriber.NAMESPACE + "id/" + ctx.pathParam("path")));
        r.get("/code/<path>", ctx -> answer(ctx, ResourceDescriber.NAMESPACE + "code/" + ctx.pathParam("path")));
    }

    private void answer(Context ctx, String iri) {
        String type = chooseType(ctx);
        ResourceDescription d = describer.describe(iri);
        ctx.header("Vary", "Accept");
        if (type.equals(HTML)) {
            ctx.contentType("text/html; charset=utf-8").result(ResourceHtml.render(d));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (type.equals(TRIG) || type.equals(NQUADS)) {
            DatasetGraph ds = DatasetGraphFactory.createGeneral();
            d.quads().find().forEachRemaining(ds::add);
            ds.prefixes().putAll(ResourceHtml.PREFIXES);
            RDFDataMgr.write(out, ds, LANGS.get(type));
        } else {
            Graph g = d.asGraph();
            g.getPrefixMapping().setNsPrefixes(PrefixMapping.Factory.create().setNsPrefixes(ResourceHtml.PREFIXES));
            RDFDataMgr.write(out, g, LANGS.get(type));
        }
        ctx.contentType(type.startsWith("text/") ? type + "; charset=utf-8" : type).result(out.toByteArray());
    }

    private static String chooseType(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null) {
            String t = FORMATS.get(format);
            if (t == null) {
                throw new InvalidInputException("format must be one of " + FORMATS.keySet(),
                        List.of(new InvalidInputException.FieldError("format", "one of " + FORMATS.keySet(), null)));
            }
            return t;
        }
        return AcceptNegotiation.choose(ctx.header("Accept"), OFFERED);
    }
}

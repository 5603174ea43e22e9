package org.guidelinekb.fhir;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.reasoner.CaseAttribute;
import org.guidelinekb.reasoner.CaseAttributes;
import org.guidelinekb.reasoner.Reasoner;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.versioning.CriterionNode;
import org.guidelinekb.versioning.Versions;
import org.guidelinekb.versioning.WriteResult;
import org.guidelinekb.vocab.GKB;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.parser.DataFormatException;

/**
 * Turns a Bundle this server's export produced ({@link FhirExport}) back into a guideline version and writes it as a
 * new draft ({@code versions.writes().create}), so that the statement-level comparison with the original reports every
 * statement unchanged. Only that shape is accepted: anything else is a 400 naming what is missing, and nothing is
 * written. The Bundle names the guideline, recommendations, sections and source documents by IRI; their descriptions
 * (which every version file carries) are taken from the version it was exported from, which must be in the store.
 */
public final class FhirImport {
    private static final Pattern VERSION_IRI = Pattern.compile(Pattern.quote(GKB.ID) + "guideline/([^/]+)/version/([^/]+)");
    private static final String PAV = "http://purl.org/pav/";
    private static final String DCT = "http://purl.org/dc/terms/";
    private static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    private static final String PROV = "http://www.w3.org/ns/prov#";
    private static final Node TYPE = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

    private final Versions versions;
    private final Reasoner reasoner;
    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private CaseAttributes attributes;

    public FhirImport(Versions versions, Reasoner reasoner, KnowledgeStore store, QueryLibrary queries) {
        this.versions = versions;
        this.reasoner = reasoner;
        this.store = store;
        this.queries = queries;
    }

    /** What an import wrote. */
    public record Imported(String guideline, String from, WriteResult write) {}

    /**
     * Imports a Bundle (FHIR JSON text) as a draft labelled {@code label}, or {@code {original}-fhir} when null.
     * 400 when the Bundle is not a CPG export of this shape, 409 when the label exists.
     */
    public synchronized Imported importBundle(String json, String label, String agent) {
        attributes = reasoner.attributes(); // the current catalogue of case attributes
        Bundle b = parse(json);
        List<FieldError> errors = new ArrayList<>();
        Library lib = only(b, Library.class, errors);
        List<PlanDefinition> pds = all(b, PlanDefinition.class);
        if (pds.isEmpty()) errors.add(new FieldError("Bundle.entry", "holds no PlanDefinition (one per statement)", null));
        Matcher m = lib == null || lib.getUrl() == null ? null : VERSION_IRI.matcher(lib.getUrl());
        if (lib != null && (m == null || !m.matches())) {
            errors.add(new FieldError("Library.url", "must be a version IRI " + GKB.ID + "guideline/{g}/version/{v}, not " + lib.getUrl(), null));
        }
        if (!errors.isEmpty()) throw invalid(errors);
        String guideline = m.group(1);
        String original = m.group(2);
        String newLabel = label == null || label.isBlank() ? original + "-fhir" : label.strip();
        Node source = GKB.version(guideline, original);
        Graph shared = store.read(r -> r.containsGraph(source)
                ? r.construct(queries.get("internal/fhir-import-shared"), Map.of("version", source)) : null);
        if (shared == null) {
            throw invalid(List.of(new FieldError("Library.url", "names version " + original + " of " + guideline
                    + ", which this knowledge base does not hold: an import restores a version next to the one it was exported from", null)));
        }
        Graph g = GraphFactory.createDefaultGraph();
        shared.find().forEachRemaining(g::add);
        Node version = GKB.version(guideline, newLabel);
        guarded("Library", errors, () -> version(g, version, guideline, newLabel, lib, errors));
        int order = 0;
        for (PlanDefinition pd : pds) {
            int o = ++order;
            guarded("PlanDefinition/" + pd.getIdElement().getIdPart(), errors, () -> statement(g, version, pd, o, errors));
        }
        if (!errors.isEmpty()) throw invalid(errors);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, Lang.TURTLE);
        ContentFile body = new ContentFile("fhir-import-" + guideline + "-" + newLabel + ".ttl", out.toByteArray(), Lang.TURTLE);
        return new Imported(guideline, original, versions.writes().create(guideline, body, agent));
    }

    /**
     * Runs one part of the import; an element of another type or without its value where the export always puts one
     * (a ClassCastException or NullPointerException while reading it) becomes a field error naming the resource.
     */
    private static void guarded(String where, List<FieldError> errors, Runnable part) {
        try {
            part.run();
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            errors.add(new FieldError(where, "is not in the shape the export writes (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null));
        }
    }

    private static Bundle parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidInputException("the body is empty; send a FHIR Bundle (JSON) from GET /fhir/Bundle/{guideline}--{version}");
        }
        try {
            Resource r = (Resource) FhirJson.parser().parseResource(json);
            if (r instanceof Bundle b) return b;
            throw invalid(List.of(new FieldError("resourceType", "must be Bundle, not " + r.fhirType(), null)));
        } catch (DataFormatException | ClassCastException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidInputException("the body is not a FHIR R4 resource in JSON: " + e.getMessage());
        }
    }

    private void version(Graph g, Node v, String guideline, String label, Library lib, List<FieldError> errors) {
        g.add(v, TYPE, GKB.GuidelineVersion);
        g.add(v, GKB.term("ofGuideline"), GKB.guideline(guideline));
        g.add(v, iri(PAV + "version"), lit(label));
        g.add(v, iri(RDFS + "label"), lit((lib.getTitle() == null ? guideline + " " + label : lib.getTitle()) + " (imported from a FHIR Bundle)"));
        g.add(v, GKB.lifecycleStatus, GKB.statusDraft);
        if (lib.getPublisher() != null) g.add(v, iri(DCT + "publisher"), lit(lib.getPublisher()));
        String start = lib.getEffectivePeriod().getStartElement().getValueAsString();
        if (start == null || start.length() < 10) {
            errors.add(new FieldError("Library.effectivePeriod.start", "is missing or not a full date (the version's effective date)", null));
        } else {
            g.add(v, GKB.term("effectiveFrom"), NodeFactory.createLiteralDT(start.substring(0, 10), XSDDatatype.XSDdate));
        }
        int n = 0;
        for (Extension c : lib.getExtensionsByUrl(FhirUrls.EXT_COVERAGE)) {
            String section = FhirCriteria.one(c, "section");
            Node item = iri(v.getURI() + "/coverage/" + (section == null ? Integer.toString(n + 1) : section.substring(section.lastIndexOf('/') + 1)));
            n++;
            g.add(v, GKB.term("coverage"), item);
            g.add(item, TYPE, GKB.term("CoverageItem"));
            if (section != null) g.add(item, GKB.term("section"), iri(section));
            String l = FhirCriteria.one(c, "label");
            if (l != null) g.add(item, iri(RDFS + "label"), lit(l));
            String locator = FhirCriteria.one(c, "locator");
            if (locator != null) g.add(item, GKB.term("locator"), lit(locator));
        }
        if (n == 0) errors.add(new FieldError("Library.extension[coverage]", "is missing: the export names the sections the version covers", null));
        boolean derived = false;
        for (RelatedArtifact a : lib.getRelatedArtifact()) {
            if (a.getType() == RelatedArtifact.RelatedArtifactType.DERIVEDFROM && a.getUrl() != null) {
                g.add(v, iri(PROV + "wasDerivedFrom"), iri(a.getUrl()));
                derived = true;
            }
        }
        if (!derived) errors.add(new FieldError("Library.relatedArtifact[derived-from]", "is missing: the source document of the version", null));
        Node activity = iri(GKB.ID + "activity/fhir-import-" + guideline + "-" + label);
        g.add(v, iri(PROV + "wasGeneratedBy"), activity);
        g.add(activity, TYPE, iri(PROV + "Activity"));
        g.add(activity, iri(RDFS + "label"), lit("Import of " + lib.getUrl() + " from a FHIR CPG Bundle"));
    }

    private void statement(Graph g, Node v, PlanDefinition pd, int order, List<FieldError> errors) {
        String where = "PlanDefinition/" + pd.getIdElement().getIdPart();
        String statementIri = pd.getIdentifier().stream().filter(i -> FhirUrls.URI.equals(i.getSystem())).map(i -> i.getValue()).findFirst().orElse(null);
        if (statementIri == null || pd.getUrl() == null || pd.getAction().size() != 1) {
            errors.add(new FieldError(where, "needs identifier (statement IRI, system " + FhirUrls.URI + "), url (recommendation IRI) and one action", null));
            return;
        }
        Node s = iri(v.getURI() + "/statement/" + statementIri.substring(statementIri.lastIndexOf('/') + 1));
        PlanDefinition.PlanDefinitionActionComponent a = pd.getActionFirstRep();
        g.add(s, TYPE, GKB.term("Statement"));
        g.add(s, GKB.term("recommendation"), iri(pd.getUrl()));
        g.add(s, GKB.term("inVersion"), v);
        g.add(s, GKB.term("displayOrder"), NodeFactory.createLiteralDT(Integer.toString(order), XSDDatatype.XSDinteger));
        Extension section = pd.getExtensionByUrl(FhirUrls.EXT_SECTION);
        if (section != null) g.add(s, GKB.term("section"), iri(section.getValue().primitiveValue()));
        for (Extension q : pd.getExtensionsByUrl(FhirUrls.EXT_QUESTION)) g.add(s, GKB.term("addressesQuestion"), iri(q.getValue().primitiveValue()));
        if (a.hasTextEquivalent()) g.add(s, GKB.term("quote"), lit(a.getTextEquivalent()));
        if (a.hasDescription()) g.add(s, GKB.term("summary"), lit(a.getDescription()));
        code(g, s, "action", a.getCodeFirstRep().getCodingFirstRep());
        Extension modality = a.getExtensionByUrl(FhirUrls.EXT_MODALITY);
        if (modality != null) code(g, s, "modality", (Coding) modality.getValue());
        Extension strength = a.getExtensionByUrl(FhirUrls.STRENGTH);
        if (strength != null) {
            for (Coding c : ((CodeableConcept) strength.getValue()).getCoding()) {
                if (FhirUrls.scheme("nccn-category").equals(c.getSystem())) code(g, s, "category", c);
                if (FhirUrls.scheme("strength").equals(c.getSystem())) code(g, s, "strength", c);
            }
        }
        Extension quality = a.getExtensionByUrl(FhirUrls.QUALITY);
        if (quality != null) code(g, s, "certainty", ((CodeableConcept) quality.getValue()).getCodingFirstRep());
        Extension basis = a.getExtensionByUrl(FhirUrls.EXT_CATEGORY_BASIS);
        if (basis != null) g.add(s, GKB.term("categoryBasis"), lit(basis.getValue().primitiveValue()));
        for (RelatedArtifact r : pd.getRelatedArtifact()) {
            if (r.getType() == RelatedArtifact.RelatedArtifactType.JUSTIFICATION && r.getUrl() != null) g.add(s, GKB.term("evidence"), iri(r.getUrl()));
            if (r.getType() == RelatedArtifact.RelatedArtifactType.CITATION && r.getUrl() != null) {
                Node src = iri(s.getURI() + "/source");
                g.add(s, GKB.term("source"), src);
                g.add(src, TYPE, GKB.term("SourceLocator"));
                g.add(src, GKB.term("document"), iri(r.getUrl()));
                if (r.getCitation() != null) g.add(src, GKB.term("locator"), lit(r.getCitation()));
            }
        }
        var cond = a.getConditionFirstRep();
        Extension root = cond.getExtensionByUrl(FhirUrls.EXT_ROOT);
        List<Extension> nodes = cond.getExtensionsByUrl(FhirUrls.EXT_CRITERION);
        if (root == null && !nodes.isEmpty()) errors.add(new FieldError(where + ".action.condition", "has criteria but no root-criterion extension", null));
        if (root != null) g.add(s, GKB.term("criteria"), iri(s.getURI() + "/criterion/" + root.getValue().primitiveValue()));
        for (Extension e : nodes) criterion(g, s, FhirCriteria.read(e, null), where, errors);
    }

    private void criterion(Graph g, Node s, CriterionNode n, String where, List<FieldError> errors) {
        if (n.key() == null || n.kind() == null) {
            errors.add(new FieldError(where + ".action.condition.extension[criterion]", "needs key and kind", null));
            return;
        }
        Node c = iri(s.getURI() + "/criterion/" + n.key());
        g.add(c, TYPE, GKB.term(n.kind()));
        g.add(c, GKB.term("key"), lit(n.key()));
        if (n.label() != null) g.add(c, iri(RDFS + "label"), lit(n.label()));
        for (String o : n.operands()) g.add(c, GKB.term("operand"), iri(s.getURI() + "/criterion/" + o));
        for (String f : n.factors()) g.add(c, GKB.term("factor"), iri(s.getURI() + "/criterion/" + f));
        if (n.attribute() == null) return;
        CaseAttribute a = attributes.byName(n.attribute());
        if (a == null) {
            errors.add(new FieldError(where + " criterion " + n.key(), "unknown case attribute '" + n.attribute() + "'",
                    attributes.closestName(n.attribute())));
            return;
        }
        g.add(c, GKB.term("attribute"), iri(a.iri()));
        if (n.condition() != null) g.add(c, GKB.term("condition"), iri(GKB.CODE + "condition/" + n.condition()));
        for (String value : n.values()) {
            Node lit = switch (a.type()) {
                case BOOLEAN -> NodeFactory.createLiteralDT(value, XSDDatatype.XSDboolean);
                case INTEGER -> NodeFactory.createLiteralDT(value, XSDDatatype.XSDinteger);
                case CONCEPT, CONCEPT_LIST -> {
                    int i = attributes.concepts().index(a.scheme(), value);
                    yield i >= 0 ? iri(attributes.concepts().iri(i)) : iri(a.scheme() + value);
                }
            };
            g.add(c, GKB.term("value"), lit);
        }
    }

    private static void code(Graph g, Node s, String field, Coding c) {
        if (c == null || c.getCode() == null) return;
        String system = c.getSystem() == null ? FhirUrls.scheme(field) : c.getSystem();
        g.add(s, GKB.term(field), iri(system + c.getCode()));
    }

    private static <T extends Resource> List<T> all(Bundle b, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (var e : b.getEntry()) {
            if (type.isInstance(e.getResource())) out.add(type.cast(e.getResource()));
        }
        return out;
    }

    private static <T extends Resource> T only(Bundle b, Class<T> type, List<FieldError> errors) {
        List<T> all = all(b, type);
        if (all.size() != 1) errors.add(new FieldError("Bundle.entry", "must hold exactly one " + type.getSimpleName() + ", holds " + all.size(), null));
        return all.size() == 1 ? all.get(0) : null;
    }

    private static InvalidInputException invalid(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder("not a guideline-kb CPG export Bundle: ");
        for (int i = 0; i < errors.size(); i++) sb.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(' ').append(errors.get(i).message());
        return new InvalidInputException(sb.toString(), errors);
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    private static Node lit(String s) {
        return NodeFactory.createLiteralString(s);
    }
}

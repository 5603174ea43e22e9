package org.guidelinekb.fhir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.reasoner.CompiledStatement;
import org.guidelinekb.reasoner.CompiledVersion;
import org.guidelinekb.reasoner.Reasoner;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.versioning.CriterionNode;
import org.guidelinekb.versioning.EncodedVersion;
import org.guidelinekb.versioning.VersionStatement;
import org.guidelinekb.versioning.Versions;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.ParameterDefinition;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.ActionConditionKind;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * One guideline version as an HL7 CPG-on-FHIR R4 collection Bundle (docs/fhir.md): a recommendation-definition
 * {@code PlanDefinition} per statement, one {@code Library} with the version's logic in CQL, the trial evidence in R4
 * terms ({@link FhirEvidence}) and {@code Provenance} from the PROV records ({@link FhirProvenance}). The statement
 * content comes from the version's graph as the comparison reads it ({@link Versions}), the logic from the reasoner's
 * compiled criteria ({@link CqlWriter}), so the CQL means what the reasoner computes.
 */
public final class FhirExport {
    private final Reasoner reasoner;
    private final Versions versions;
    private final KnowledgeStore store;
    private final QueryLibrary queries;

    public FhirExport(Reasoner reasoner, Versions versions, KnowledgeStore store, QueryLibrary queries) {
        this.reasoner = reasoner;
        this.versions = versions;
        this.store = store;
        this.queries = queries;
    }


    /** The Bundle id of a version: {@code {guideline}--{version}}. */
    public static String bundleId(String guideline, String version) {
        return guideline + "--" + version;
    }

    /**
     * Exports a version named by its Bundle id {@code {guideline}--{version}}; 404 when there is none. A guideline id
     * may itself hold "--": the split whose guideline the knowledge base holds is taken.
     */
    public Bundle export(String bundleId) {
        var catalog = reasoner.index().catalog();
        for (int cut = bundleId.indexOf("--"); cut > 0 && cut + 2 < bundleId.length(); cut = bundleId.indexOf("--", cut + 1)) {
            String g = bundleId.substring(0, cut);
            if (catalog.guidelines().stream().anyMatch(x -> x.id().equals(g))) return export(g, bundleId.substring(cut + 2));
        }
        throw new org.guidelinekb.error.NotFoundException("no Bundle '" + bundleId + "': a Bundle id is {guideline}--{version} of a guideline"
                + " this knowledge base holds, e.g. nccn-breast--2015");
    }

    /** Exports one version; 404 (NotFoundException) for an unknown guideline or version. */
    public Bundle export(String guideline, String version) {
        ReasonerIndex ix = reasoner.index();
        VersionInfo info = ix.catalog().resolve(guideline, VersionSelector.label(version));
        CompiledVersion compiled = ix.version(info);
        EncodedVersion encoded = versions.version(guideline, VersionSelector.label(version));
        CqlLibrary cql = new CqlWriter(ix.attributes()).write(compiled);
        Map<String, List<Binding>> evidenceRows = new LinkedHashMap<>();
        List<Binding> provenanceRows = new ArrayList<>();
        FhirStudies studies = store.read(r -> {
            Map<String, org.apache.jena.graph.Node> bind = Map.of("version", NodeFactory.createURI(info.iri()));
            collect(r.select(queries.get("internal/reasoner-evidence"), bind), evidenceRows);
            RowSet p = r.select(queries.get("internal/fhir-provenance"), bind);
            while (p.hasNext()) provenanceRows.add(p.next());
            return FhirStudies.of(r.select(queries.get("internal/fhir-studies"), bind));
        });

        Bundle b = new Bundle();
        b.setId(FhirIds.id(bundleId(guideline, info.label())));
        b.setType(Bundle.BundleType.COLLECTION);
        Library library = library(info, cql);
        for (Binding row : provenanceRows) {
            var doc = row.get("document");
            if (doc == null || !doc.isURI() || library.getRelatedArtifact().stream().anyMatch(a -> doc.getURI().equals(a.getUrl()))) continue;
            var source = row.get("source");
            library.addRelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.DERIVEDFROM).setUrl(doc.getURI())
                    .setDisplay(source == null ? null : source.getLiteralLexicalForm());
        }
        add(b, library);
        Map<String, CompiledStatement> byIri = new LinkedHashMap<>();
        compiled.statements().forEach(s -> byIri.put(s.iri(), s));
        FhirEvidence evidence = FhirEvidence.of(evidenceRows, studies, ix.attributes().concepts());
        List<Resource> targets = new ArrayList<>(List.of(library));
        Set<String> ids = new LinkedHashSet<>();
        for (VersionStatement s : encoded.statements().values()) {
            PlanDefinition pd = planDefinition(info, s, byIri.get(s.iri()), cql, evidence, studies, ids);
            add(b, pd);
            targets.add(pd);
        }
        evidence.resources().forEach(r -> add(b, r));
        FhirProvenance.of(provenanceRows, targets).forEach(r -> add(b, r));
        return b;
    }

    private static void collect(RowSet rows, Map<String, List<Binding>> out) {
        while (rows.hasNext()) {
            Binding row = rows.next();
            var e = row.get("evidence");
            if (e != null) out.computeIfAbsent(e.getURI(), k -> new ArrayList<>()).add(row);
        }
    }

    static void add(Bundle b, Resource r) {
        b.addEntry().setFullUrl(FhirUrls.ENTRY_BASE + r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r);
    }

    static PublicationStatus status(String lifecycle) {
        return switch (lifecycle) {
            case "active" -> PublicationStatus.ACTIVE;
            case "retired" -> PublicationStatus.RETIRED;
            default -> PublicationStatus.DRAFT;
        };
    }

    /** The Library's canonical URL: the version IRI (the version's named graph). */
    static String libraryUrl(VersionInfo info) {
        return info.iri();
    }

    private Library library(VersionInfo info, CqlLibrary cql) {
        Library l = new Library();
        l.setId(FhirIds.id("library-" + bundleId(info.guidelineId(), info.label())));
        l.getMeta().addProfile(FhirUrls.COMPUTABLE_LIBRARY);
        l.setUrl(libraryUrl(info));
        l.addIdentifier().setSystem(FhirUrls.URI).setValue(info.iri());
        l.setVersion(info.label());
        l.setName(cql.name());
        l.setTitle(info.guideline() + " " + info.label() + ": applicability logic");
        l.setStatus(status(info.status()));
        l.setType(new CodeableConcept(new Coding(FhirUrls.LIBRARY_TYPE, "logic-library", "Logic Library")));
        if (info.publisher() != null) l.setPublisher(info.publisher());
        if (info.effectiveFrom() != null) l.getEffectivePeriod().setStartElement(new DateTimeType(info.effectiveFrom().toString()));
        l.setDescription("The applicability of each statement of " + info.guideline() + " version " + info.label()
                + " as CQL: one parameter per case attribute the version reads (null = unknown), one define per derived attribute"
                + " and per statement, returning true (applicable), false (not applicable) or null (undetermined).");
        for (String p : cql.parameters()) {
            var a = reasoner.index().attributes().byName(p);
            ParameterDefinition d = l.addParameter().setName(p).setUse(ParameterDefinition.ParameterUse.IN).setMin(0)
                    .setType(FhirIds.fhirType(a));
            if (a.type().word().equals("concept-list")) d.setMax("*");
            else d.setMax("1");
            if (a.label() != null) d.setDocumentation(a.label());
        }
        for (String define : cql.defines().values()) {
            l.addParameter().setName(define).setUse(ParameterDefinition.ParameterUse.OUT).setMin(0).setMax("1").setType("boolean");
        }
        for (var c : info.coverage()) {
            Extension e = l.addExtension().setUrl(FhirUrls.EXT_COVERAGE);
            if (c.section() != null) e.addExtension("section", new UriType(c.section()));
            if (c.label() != null) e.addExtension("label", new StringType(c.label()));
            if (c.locator() != null) e.addExtension("locator", new StringType(c.locator()));
        }
        l.addContent(new Attachment().setContentType("text/cql").setData(cql.text().getBytes(StandardCharsets.UTF_8)));
        l.addContent(new Attachment().setContentType(ElmWriter.CONTENT_TYPE).setData(ElmWriter.json(cql).getBytes(StandardCharsets.UTF_8)));
        return l;
    }

    private PlanDefinition planDefinition(VersionInfo info, VersionStatement s, CompiledStatement c, CqlLibrary cql,
                                          FhirEvidence evidence, FhirStudies studies, Set<String> ids) {
        PlanDefinition pd = new PlanDefinition();
        String key = s.iri().substring(s.iri().lastIndexOf('/') + 1);
        String id = FhirIds.id(key);
        for (int k = 2; !ids.add(id); k++) id = FhirIds.id(key + "-" + k);
        pd.setId(id);
        pd.getMeta().addProfile(FhirUrls.RECOMMENDATION_DEFINITION);
        pd.setUrl(s.recommendation());
        pd.addIdentifier().setSystem(FhirUrls.URI).setValue(s.iri());
        pd.setVersion(info.label());
        pd.setTitle(s.name());
        pd.setStatus(status(info.status()));
        pd.setType(new CodeableConcept(new Coding(FhirUrls.PLAN_DEFINITION_TYPE, "eca-rule", "ECA Rule")));
        if (info.publisher() != null) pd.setPublisher(info.publisher());
        pd.addLibrary(libraryUrl(info) + "|" + info.label());
        if (s.section() != null) pd.addExtension(FhirUrls.EXT_SECTION, new UriType(s.section()));
        for (String q : s.questions()) pd.addExtension(FhirUrls.EXT_QUESTION, new UriType(q));
        for (String e : s.evidence()) {
            RelatedArtifact ra = pd.addRelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.JUSTIFICATION).setUrl(e);
            String label = evidence.label(e);
            if (label != null) ra.setDisplay(label);
            String study = studies.studyOf(e);
            if (study != null) ra.setCitation((study.equals(e) ? "" : "A finding of: ") + studies.citation(study));
        }
        if (s.sourceDocument() != null || s.sourceLocator() != null) {
            RelatedArtifact ra = pd.addRelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.CITATION);
            if (s.sourceDocument() != null) ra.setUrl(s.sourceDocument());
            if (s.sourceLocator() != null) ra.setCitation(s.sourceLocator());
            if (c != null && c.source() != null && c.source().title() != null) ra.setDisplay(c.source().title());
        }

        PlanDefinitionActionComponent a = pd.addAction();
        a.setTitle(s.name());
        if (s.summary() != null) a.setDescription(s.summary());
        if (s.quote() != null) a.setTextEquivalent(s.quote());
        if (s.action() != null) a.addCode(concept("action", s.action()));
        String direction = direction(s.modality());
        if (direction != null) a.addExtension(FhirUrls.DIRECTION, new CodeableConcept(new Coding(FhirUrls.DIRECTION_CS, direction,
                direction.equals("for") ? "For" : "Against")));
        if (s.modality() != null) a.addExtension(FhirUrls.EXT_MODALITY, new Coding(FhirUrls.scheme("modality"), s.modality(), null));
        if (s.category() != null || s.strength() != null) {
            CodeableConcept strength = new CodeableConcept();
            if (s.category() != null) strength.addCoding(new Coding(FhirUrls.scheme("nccn-category"), s.category(), "NCCN category " + s.category()));
            if (s.strength() != null) strength.addCoding(new Coding(FhirUrls.scheme("strength"), s.strength(), null));
            a.addExtension(FhirUrls.STRENGTH, strength);
        }
        if (s.categoryBasis() != null) a.addExtension(FhirUrls.EXT_CATEGORY_BASIS, new StringType(s.categoryBasis()));
        if (s.certainty() != null) a.addExtension(FhirUrls.QUALITY, concept("certainty", s.certainty()));

        String define = cql.defines().get(s.iri());
        if (define != null) {
            PlanDefinition.PlanDefinitionActionConditionComponent cond = a.addCondition().setKind(ActionConditionKind.APPLICABILITY);
            Expression ex = new Expression().setLanguage("text/cql").setExpression(CqlWriter.quoted(define))
                    .setReference(libraryUrl(info) + "|" + info.label())
                    .setDescription(c != null && c.criteria() != null ? "applicability of this statement (define " + define + ")"
                            : "this statement states no criteria: always applicable");
            cond.setExpression(ex);
            if (s.rootCriterion() != null) cond.addExtension(FhirUrls.EXT_ROOT, new StringType(s.rootCriterion()));
            for (CriterionNode n : s.criteria().values()) cond.addExtension(FhirCriteria.extension(n));
            for (String input : cql.inputs().getOrDefault(s.iri(), List.of())) {
                var attr = reasoner.index().attributes().byName(input);
                a.addInput(new DataRequirement().setType(FhirIds.fhirType(attr)).addMustSupport(input));
            }
        }
        return pd;
    }

    static CodeableConcept concept(String scheme, String code) {
        return new CodeableConcept(new Coding(FhirUrls.scheme(scheme), code, null));
    }

    /** CPG direction of a gkb modality: recommend / consider are for, recommend-against against, others none. */
    static String direction(String modality) {
        if (modality == null) return null;
        return switch (modality) {
            case "recommend", "consider" -> "for";
            case "recommend-against" -> "against";
            default -> null;
        };
    }

    static Extension ext(String url, org.hl7.fhir.r4.model.Type value) {
        return new Extension(url, value);
    }

    static Reference display(String text) {
        return new Reference().setDisplay(text);
    }

    static BigDecimal decimal(String s) {
        try {
            return s == null ? null : new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

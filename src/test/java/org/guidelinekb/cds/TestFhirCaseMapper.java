package org.guidelinekb.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;

import org.guidelinekb.reasoner.CaseAttributes;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;

/** The declarative FHIR mapping: what is known, what stays unknown, and why. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestFhirCaseMapper {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private TestServer server;
    private CaseAttributes attributes;
    private final FhirCaseMapper mapper = new FhirCaseMapper(FhirMapping.load());
    private final PrefetchReader reader = new PrefetchReader(FhirContext::forR4Cached, new FhirFetcher(Duration.ofSeconds(2)), new FhirServerPolicy(java.util.List.of()));
    private final CdsService service = CdsServiceCatalog.load().require(CdsLib.PATIENT_VIEW);

    @BeforeAll void start() {
        server = TestServer.start();
        attributes = server.app().kb().reasoner().attributes();
    }

    @AfterAll void stop() {
        server.close();
    }

    // --- building requests ---------------------------------------------------------------------------------------

    private static ObjectNode condition(String system, String code, String clinical, String verification) {
        ObjectNode c = F.objectNode().put("resourceType", "Condition").put("id", code.replace('.', '-'));
        if (clinical != null) c.putObject("clinicalStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical").put("code", clinical);
        if (verification != null) c.putObject("verificationStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-ver-status").put("code", verification);
        c.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
        return c;
    }

    private static ObjectNode icd(String code) {
        return condition("http://hl7.org/fhir/sid/icd-10-cm", code, "active", "confirmed");
    }

    private static ObjectNode observation(String id, String system, String code, String date, String valueSystem, String valueCode) {
        ObjectNode o = F.objectNode().put("resourceType", "Observation").put("id", id).put("status", "final").put("effectiveDateTime", date);
        o.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
        if (valueCode != null) o.putObject("valueCodeableConcept").putArray("coding").addObject().put("system", valueSystem).put("code", valueCode);
        return o;
    }

    private static ObjectNode mCategory(String id, String date, String snomed) {
        return observation(id, "http://loinc.org", "21907-1", date, "http://snomed.info/sct", snomed);
    }

    private static ObjectNode bundle(ObjectNode... resources) {
        ObjectNode b = F.objectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode e = b.putArray("entry");
        for (ObjectNode r : resources) e.addObject().put("fullUrl", "http://ehr.example.org/fhir/" + r.path("resourceType").asText() + "/" + r.path("id").asText()).set("resource", r);
        return b;
    }

    private static ObjectNode request() {
        ObjectNode r = F.objectNode().put("hook", "patient-view").put("hookInstance", "6c3f1f5e-2f4a-4b39-9d6c-2a8e1b3b2c11");
        r.putObject("context").put("userId", "Practitioner/1").put("patientId", "p1");
        r.putObject("prefetch");
        return r;
    }

    private MappedCase map(ObjectNode request) {
        CdsRequest req = CdsRequest.parse(request.toString(), service);
        return mapper.map(reader.read(service, req), attributes, TODAY);
    }

    private static ObjectNode prefetch(ObjectNode r) {
        return (ObjectNode) r.get("prefetch");
    }

    // --- tests ----------------------------------------------------------------------------------------------------

    @Test void every_code_in_the_mapping_file_says_where_it_was_checked_or_is_marked_unverified() {
        for (CodeSet set : FhirMapping.load().codeSets().values()) {
            for (CodeSet.Code c : set.codes()) {
                assertTrue(c.unverified() || (c.checked() != null && !c.checked().isBlank()), set.name() + " " + c.code());
            }
        }
    }

    @Test void a_breast_cancer_and_a_distant_metastasis_condition_make_the_case_metastatic_with_an_open_site_list() {
        ObjectNode r = request();
        prefetch(r).set("conditions", bundle(icd("C50.912"), icd("C79.51"), icd("C78.7")));
        MappedCase mc = map(r);
        assertEquals(true, mc.values().get("metastatic").booleanValue(), mc.notes().get("metastatic"));
        assertEquals(java.util.List.of("bone", "liver"), mc.openLists().get("metastaticSites"));
        assertFalse(mc.values().containsKey("metastaticSites"), "a coded site list is open, never complete");
        assertEquals(true, mc.inScope());
    }

    @Test void a_secondary_neoplasm_without_breast_cancer_does_not_make_the_case_metastatic() {
        ObjectNode r = request();
        prefetch(r).set("conditions", bundle(icd("C78.7")));
        MappedCase mc = map(r);
        assertNull(mc.values().get("metastatic"));
        assertEquals(false, mc.inScope());
    }

    @Test void regional_lymph_node_and_unverified_codes_are_not_evidence() {
        ObjectNode r = request();
        prefetch(r).set("conditions", bundle(icd("C50.911"), icd("C77.3"),
                condition("http://snomed.info/sct", "94222008", "active", "confirmed")));
        MappedCase mc = map(r);
        assertNull(mc.values().get("metastatic"), mc.notes().get("metastatic"));
        assertTrue(mc.notes().get("metastatic").startsWith("unknown"), mc.notes().get("metastatic"));
    }

    @Test void resolved_refuted_and_entered_in_error_conditions_are_not_evidence() {
        ObjectNode r = request();
        prefetch(r).set("conditions", bundle(icd("C50.911"), condition("http://hl7.org/fhir/sid/icd-10-cm", "C78.7", "resolved", "confirmed"),
                condition("http://hl7.org/fhir/sid/icd-10-cm", "C79.51", "active", "refuted"),
                condition("http://hl7.org/fhir/sid/icd-10-cm", "C78.0", "active", "entered-in-error")));
        assertNull(map(r).values().get("metastatic"));
    }

    @Test void the_latest_m_category_decides_and_a_current_metastasis_condition_outranks_an_old_m0() {
        ObjectNode r = request();
        prefetch(r).set("conditions", bundle(icd("C50.911")));
        prefetch(r).set("observations", bundle(mCategory("m1-old", "2024-01-01", "1229903009"), mCategory("m0-new", "2025-01-01", "1229901006")));
        assertEquals(false, map(r).values().get("metastatic").booleanValue(), "latest M0");
        prefetch(r).set("observations", bundle(mCategory("m0-old", "2024-01-01", "1229901006"), mCategory("m1-new", "2025-01-01", "1229903009")));
        assertEquals(true, map(r).values().get("metastatic").booleanValue(), "latest M1");
        prefetch(r).set("conditions", bundle(icd("C50.911"), icd("C79.51")));
        prefetch(r).set("observations", bundle(mCategory("m0", "2020-01-01", "1229901006")));
        assertEquals(true, map(r).values().get("metastatic").booleanValue(), "a current metastasis condition after an M0 staging");
    }

    @Test void unreadable_conditions_leave_an_m0_undecided_because_they_could_contradict_it() {
        ObjectNode r = request();
        prefetch(r).set("conditions", F.objectNode().put("resourceType", "OperationOutcome").set("issue",
                F.arrayNode().add(F.objectNode().put("severity", "error").put("code", "timeout"))));
        prefetch(r).set("observations", bundle(mCategory("m0", "2025-01-01", "1229901006")));
        MappedCase mc = map(r);
        assertNull(mc.values().get("metastatic"), mc.notes().get("metastatic"));
        assertTrue(mc.notes().get("metastatic").contains("OperationOutcome"), mc.notes().get("metastatic"));
        assertNull(mc.inScope());
    }

    @Test void a_missing_prefetch_key_without_fhir_server_is_unknown_and_null_is_no_data() {
        ObjectNode r = request();
        prefetch(r).set("conditions", bundle(icd("C50.911"), icd("C79.51")));
        MappedCase mc = map(r);   // no "medications" key and no fhirServer
        assertNull(mc.values().get("initialSystemicTherapyReceived"));
        assertTrue(mc.notes().get("initialSystemicTherapyReceived").contains("no fhirServer"), mc.notes().get("initialSystemicTherapyReceived"));
        prefetch(r).putNull("medications");   // searched, nothing found: still unknown (absence is not evidence)
        mc = map(r);
        assertNull(mc.values().get("initialSystemicTherapyReceived"));
        assertTrue(mc.notes().get("initialSystemicTherapyReceived").contains("absence is not evidence"), mc.notes().get("initialSystemicTherapyReceived"));
    }

    @Test void receptor_status_comes_from_the_latest_result_and_an_equivocal_latest_result_is_unknown() {
        ObjectNode r = request();
        prefetch(r).set("observations", bundle(
                observation("er", "http://loinc.org", "85337-4", "2025-02-01", "http://snomed.info/sct", "10828004"),
                observation("her2-old", "http://loinc.org", "48676-1", "2024-01-01", "http://snomed.info/sct", "10828004"),
                observation("her2-new", "http://loinc.org", "48676-1", "2025-01-01", "http://snomed.info/sct", "280416009")));
        MappedCase mc = map(r);
        assertEquals("positive", mc.values().get("erStatus").asText());
        assertNull(mc.values().get("her2Status"), mc.notes().get("her2Status"));
    }

    @Test void a_completed_mastectomy_means_the_primary_is_not_intact_but_no_procedure_means_nothing() {
        ObjectNode r = request();
        ObjectNode p = F.objectNode().put("resourceType", "Procedure").put("id", "mx").put("status", "completed");
        p.putObject("code").putArray("coding").addObject().put("system", "http://snomed.info/sct").put("code", "429400009");
        prefetch(r).set("procedures", bundle(p));
        assertEquals(false, map(r).values().get("primaryTumorIntact").booleanValue());
        p.put("status", "preparation");
        assertNull(map(r).values().get("primaryTumorIntact"));
        prefetch(r).set("procedures", bundle());
        assertNull(map(r).values().get("primaryTumorIntact"));
    }

    @Test void an_assessment_observation_states_an_attribute_no_standard_code_covers() {
        ObjectNode r = request();
        ObjectNode clearance = F.objectNode().put("resourceType", "Observation").put("id", "a1").put("status", "final").put("valueBoolean", false);
        clearance.putObject("code").putArray("coding").addObject().put("system", "https://w3id.org/gkb/code/attribute").put("code", "completeLocalClearanceFeasible");
        ObjectNode sites = F.objectNode().put("resourceType", "Observation").put("id", "a2").put("status", "final");
        sites.putObject("code").putArray("coding").addObject().put("system", "https://w3id.org/gkb/code/attribute").put("code", "metastaticSites");
        sites.putArray("component").addObject().putObject("valueCodeableConcept").putArray("coding").addObject()
                .put("system", "https://w3id.org/gkb/code/site").put("code", "bone");
        prefetch(r).set("observations", bundle(clearance, sites));
        prefetch(r).set("conditions", bundle(icd("C50.911"), icd("C78.7")));
        MappedCase mc = map(r);
        assertEquals(false, mc.values().get("completeLocalClearanceFeasible").booleanValue());
        assertEquals("[\"bone\"]", mc.values().get("metastaticSites").toString(), "an assessment makes the list complete and outranks coded conditions");
        assertFalse(mc.openLists().containsKey("metastaticSites"));
    }

    @Test void age_needs_a_full_birth_date() {
        ObjectNode r = request();
        prefetch(r).set("patient", F.objectNode().put("resourceType", "Patient").put("id", "p1").put("birthDate", "1960-05-01"));
        assertEquals(66, map(r).values().get("age").asInt());
        prefetch(r).set("patient", F.objectNode().put("resourceType", "Patient").put("id", "p1").put("birthDate", "1960"));
        assertNull(map(r).values().get("age"));
    }

    @Test void open_list_logic_uses_only_monotone_tests() {
        // the reasoner's criteria trees of the bundled content: surgery of brain/bone sites reads metastaticSites with includes
        var ix = server.app().kb().reasoner().index();
        var sites = java.util.Set.of("metastaticSites");
        boolean sawIncludes = false, sawDerived = false;
        // every version of the bundled content, compiled here if the background compilation has not reached it yet
        var compiled = ix.catalog().guidelines().stream().flatMap(g -> g.versions().stream()).map(ix::version).toList();
        for (var v : compiled) {
            for (var s : v.statements()) {
                if (!CaseEvaluator.reads(s.criteria(), sites)) continue;
                if (s.iri().endsWith("/de-novo-oligometastatic-multimodality")) {
                    sawDerived = true;   // bone-only is derived from the sites: not monotone
                    assertFalse(CaseEvaluator.monotone(s.criteria(), sites), s.iri());
                }
                if (s.iri().endsWith("/surgery-brain-vertebral-metastases")) {
                    sawIncludes = true;
                    assertTrue(CaseEvaluator.monotone(s.criteria(), sites), s.iri());
                }
            }
        }
        assertTrue(sawIncludes && sawDerived);
    }

    @Test void a_broken_mapping_file_stops_start_up_naming_the_mistake() {
        ObjectNode doc = (ObjectNode) CdsLib.json(CdsLib.read(java.nio.file.Path.of("src/main/resources/cds/fhir-mapping.json")));
        ((ObjectNode) doc.at("/attributes/0/evidence/0")).put("codes", "no-such-set");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FhirMapping.parse(doc));
        assertTrue(e.getMessage().contains("no-such-set"), e.getMessage());
        ObjectNode doc2 = (ObjectNode) CdsLib.json(CdsLib.read(java.nio.file.Path.of("src/main/resources/cds/fhir-mapping.json")));
        ((ObjectNode) doc2.at("/codeSets/m1/codes/0")).remove("checked");
        e = assertThrows(IllegalStateException.class, () -> FhirMapping.parse(doc2));
        assertTrue(e.getMessage().contains("unverified"), e.getMessage());
    }
}

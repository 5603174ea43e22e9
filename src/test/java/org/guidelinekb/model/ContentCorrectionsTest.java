package org.guidelinekb.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The content corrections of issue 16, each as a rule over the whole shipped knowledge base (so that the same kind
 * of mistake elsewhere fails too) or, where only one source fact is involved, as a golden value. The sparql/checks
 * added with them (unsourced-predecessor, cited-evidence-after-version, duplicate-estimate,
 * redundant-judgement-factor) run in {@link ShippedContentTest}; here they are also shown to pass the cases they
 * must not reject.
 */
class ContentCorrectionsTest {

    static final String GKB = ShippedContentTest.GKB;
    static final String ID = ShippedContentTest.ID;
    static final Path FIXTURES = Paths.get("src/test/resources/shapes/checks-pass");

    static Model kb;

    /** The fact sheet as the project carries it: the excerpts of its source register (kb/sources/fact-sheet.txt), in order. */
    static String factSheet() {
        return String.join("\n", ShippedContentTest.excerpts(ShippedContentTest.register(ShippedContentTest.FACT_SHEET)));
    }

    @BeforeAll
    static void load() {
        ShippedContentTest.loadVocabularyAndShapes();
        kb = ShippedContentTest.loadKnowledgeBase();
    }

    /** A publication whose citation in the fact sheet gives an online date ("Epub 7 Jan 2022", "Published online
     *  9 Sep 2015") carries that date, marked "online" — not the later print date. */
    @Test
    void a_publication_with_an_online_date_in_the_fact_sheet_is_dated_online() {
        List<String> lines = factSheet().lines().toList();
        Pattern online = Pattern.compile("(?:Epub|Published online) (\\d{1,2} [A-Z][a-z]{2} \\d{4})");
        DateTimeFormatter format = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Resource pub : kb.listSubjectsWithProperty(RDF.type, kb.createResource(GKB + "Publication")).toList()) {
            Statement doi = pub.getProperty(kb.createProperty(GKB, "doi"));
            if (doi == null) continue;
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).contains("DOI: " + doi.getString())) continue;
                for (int j = Math.max(0, i - 2); j < i; j++) {
                    Matcher m = online.matcher(lines.get(j));
                    if (!m.find()) continue;
                    checked++;
                    String expected = LocalDate.parse(m.group(1), format).toString();
                    Statement issued = pub.getProperty(DCTerms.issued);
                    Statement basis = pub.getProperty(kb.createProperty(GKB, "issuedBasis"));
                    if (issued == null || !expected.equals(issued.getLiteral().getLexicalForm())
                        || basis == null || !"online".equals(basis.getString())) {
                        wrong.add(pub.getURI() + ": expected " + expected + " (online), has "
                                  + (issued == null ? "none" : issued.getLiteral().getLexicalForm()) + " ("
                                  + (basis == null ? "no basis" : basis.getString()) + ")");
                    }
                }
            }
        }
        assertTrue(checked >= 3, "Badwe, MF07-01 2018 and E2108 carry online dates in the fact sheet; found " + checked);
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    @Test
    void e2108_is_dated_by_its_epub() {
        Resource pub = kb.getResource(ID + "publication/khan-2022-j-clin-oncol");
        assertEquals("2022-01-07", pub.getProperty(DCTerms.issued).getLiteral().getLexicalForm());
    }

    /** Every dated publication says which date it carries; every undated one says why. */
    @Test
    void every_publication_says_what_its_date_is() {
        List<String> missing = new ArrayList<>();
        for (Resource pub : kb.listSubjectsWithProperty(RDF.type, kb.createResource(GKB + "Publication")).toList()) {
            boolean dated = pub.hasProperty(DCTerms.issued);
            if (dated && !pub.hasProperty(kb.createProperty(GKB, "issuedBasis"))) missing.add(pub + ": no gkb:issuedBasis");
            if (!dated && !pub.hasProperty(kb.createProperty(GKB, "dateNote"))) missing.add(pub + ": undated without gkb:dateNote");
        }
        assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
    }

    /** Titles of studies, syntheses and publications are the sources' titles, verbatim (TBCRC 013 had an invented one;
     *  MF07-01 a paraphrase). */
    @Test
    void every_evidence_title_is_verbatim_in_the_fact_sheet() {
        String facts = ShippedContentTest.normalise(factSheet());
        List<String> invented = new ArrayList<>();
        for (String type : List.of("Study", "EvidenceSynthesis", "Publication")) {
            for (Resource r : kb.listSubjectsWithProperty(RDF.type, kb.createResource(GKB + type)).toList()) {
                Statement title = r.getProperty(DCTerms.title);
                if (title != null && !facts.contains(ShippedContentTest.normalise(title.getString()))) {
                    invented.add(r + ": " + title.getString());
                }
            }
        }
        assertTrue(invented.isEmpty(), () -> "titles not in the fact sheet:\n" + String.join("\n", invented));
    }

    @Test
    void tbcrc_013_counts_eligible_patients_and_has_no_title() {
        Resource study = kb.getResource(ID + "study/tbcrc-013");
        assertEquals(128, study.getProperty(kb.createProperty(GKB, "eligible")).getInt());
        assertNull(study.getProperty(kb.createProperty(GKB, "enrolled")), "the fact sheet says 128 eligible, not enrolled");
        assertNull(study.getProperty(DCTerms.title));
        String citation = kb.getResource(ID + "publication/tbcrc-013-abstract").getProperty(DCTerms.bibliographicCitation).getString();
        assertFalse(citation.toLowerCase(Locale.ROOT).contains("prospective registry of surgery"), citation);
    }

    @Test
    void v6_2026_claims_no_direct_predecessor_only_the_previous_encoded_version() {
        Resource v = kb.getResource(ID + "guideline/nccn-breast/version/6.2026");
        assertFalse(v.hasProperty(kb.createProperty("http://www.w3.org/ns/prov#wasRevisionOf")));
        assertFalse(v.hasProperty(kb.createProperty("http://purl.org/pav/previousVersion")));
        assertEquals(ID + "guideline/nccn-breast/version/2015",
                     v.getPropertyResourceValue(kb.createProperty(GKB, "previousEncodedVersion")).getURI());
    }

    @Test
    void no_statement_of_2015_says_the_guideline_cites_later_evidence() {
        List<String> cited = ShippedContentTest.select(kb, """
            PREFIX gkb: <https://w3id.org/gkb/ontology#>
            SELECT ?s ?e WHERE { ?s gkb:inVersion <https://w3id.org/gkb/id/guideline/nccn-breast/version/2015> ; gkb:citedEvidence ?e }""");
        assertTrue(cited.isEmpty(), () -> String.join("\n", cited));
    }

    @Test
    void jcog1017_asco_abstract_is_an_earlier_report_of_the_full_papers_estimates() {
        Resource os = kb.getResource(ID + "study/jcog1017/finding/os-hr-asco-2023");
        Resource lrfs = kb.getResource(ID + "study/jcog1017/finding/lrfs-hr-asco-2023");
        assertEquals(ID + "study/jcog1017/finding/os-hr", os.getPropertyResourceValue(kb.createProperty(GKB, "earlierReportOf")).getURI());
        assertEquals(ID + "study/jcog1017/finding/lrfs-hr", lrfs.getPropertyResourceValue(kb.createProperty(GKB, "earlierReportOf")).getURI());
        Resource full = kb.getResource(ID + "publication/jcog1017-full");
        assertFalse(full.hasProperty(DCTerms.issued), "the full paper's year is not verified");
        assertEquals("year not verified", full.getProperty(kb.createProperty(GKB, "dateNote")).getString());
    }

    /** The new checks must not reject what is right: each file in checks-pass/ must give no row. */
    @Test
    void checks_accept_the_cases_they_must_not_reject() {
        List<String> wrong = new ArrayList<>();
        ShippedContentTest.ttlFiles(FIXTURES).forEach(fixture -> {
            Path query = ShippedContentTest.CHECKS.resolve(ShippedContentTest.expectation(fixture) + ".rq");
            Model data = ModelFactory.createDefaultModel().add(ShippedContentTest.vocabulary);
            RDFDataMgr.read(data, fixture.toString());
            List<String> rows = ShippedContentTest.select(data, ShippedContentTest.read(query));
            if (!rows.isEmpty()) wrong.add(fixture + ": " + rows);
        });
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }
}

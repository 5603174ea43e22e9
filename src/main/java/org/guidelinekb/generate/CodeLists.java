package org.guidelinekb.generate;

import java.util.List;
import java.util.Map;

/** The code lists and case attributes generated content draws from (a mirror of ontology/gkb.ttl). */
public final class CodeLists {
    public static final String CODE = "https://w3id.org/gkb/code/";

    /** Turtle prefix per code-list path; the writer declares each one. */
    static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry("action", "action"), Map.entry("modality", "modality"), Map.entry("nccn-category", "nccncat"),
            Map.entry("status", "status"), Map.entry("condition", "condition"), Map.entry("attribute", "attr"),
            Map.entry("verification", "verification"), Map.entry("symptom", "symptom"), Map.entry("site", "site"),
            Map.entry("presentation", "presentation"), Map.entry("response", "response"), Map.entry("receptor", "receptor"),
            Map.entry("menopause", "menopause"));

    static final List<String> ACTIONS = List.of("systemic-therapy", "primary-tumor-surgery", "locoregional-radiation",
            "locoregional-therapy-of-primary", "mastectomy", "metastasis-surgery", "multidisciplinary-discussion",
            "multimodal-oligometastatic-therapy", "reconstructive-surgery-collaboration", "shared-decision-making");
    static final List<String> MODALITIES = List.of("recommend", "consider", "recommend-against", "informative");
    static final List<String> CATEGORIES = List.of("1", "2A", "2B", "3");

    public static final List<CaseAttributeSpec> ATTRIBUTES = List.of(
            CaseAttributeSpec.bool("metastatic"),
            CaseAttributeSpec.concept("presentation", "presentation", List.of("de-novo", "recurrent")),
            CaseAttributeSpec.bool("primaryTumorIntact"),
            CaseAttributeSpec.list("primarySymptoms", "symptom",
                    List.of("local-complication", "skin-ulceration", "bleeding", "fungation", "pain", "infection"),
                    List.of("skin-ulceration", "bleeding", "fungation", "pain", "infection")),
            CaseAttributeSpec.bool("impendingLocalComplications"),
            CaseAttributeSpec.bool("initialSystemicTherapyReceived"),
            CaseAttributeSpec.concept("responseToSystemicTherapy", "response",
                    List.of("no-evidence-of-disease", "response", "stable", "progression")),
            CaseAttributeSpec.bool("completeLocalClearanceFeasible"),
            CaseAttributeSpec.bool("lifeThreateningMetastaticDisease"),
            CaseAttributeSpec.bool("oligometastatic"),
            CaseAttributeSpec.list("metastaticSites", "site",
                    List.of("visceral", "bone", "liver", "lung", "brain", "pleura", "distant-lymph-nodes", "skin", "other"),
                    List.of("bone", "liver", "lung", "brain", "pleura", "distant-lymph-nodes", "skin", "other")),
            CaseAttributeSpec.concept("erStatus", "receptor", List.of("positive", "negative")),
            CaseAttributeSpec.concept("prStatus", "receptor", List.of("positive", "negative")),
            CaseAttributeSpec.concept("her2Status", "receptor", List.of("positive", "negative")),
            CaseAttributeSpec.integer("age", 0, 130),
            CaseAttributeSpec.integer("ecog", 0, 4),
            CaseAttributeSpec.concept("menopausalStatus", "menopause", List.of("pre", "post")),
            CaseAttributeSpec.derived("boneOnlyMetastases"),
            CaseAttributeSpec.derived("visceralMetastases"));

    private CodeLists() {}

    static String prefix(String scheme) {
        String p = PREFIXES.get(scheme);
        if (p == null) throw new IllegalArgumentException("no prefix for code list " + scheme);
        return p;
    }

    public static CaseAttributeSpec attribute(String name) {
        return ATTRIBUTES.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown attribute " + name));
    }
}

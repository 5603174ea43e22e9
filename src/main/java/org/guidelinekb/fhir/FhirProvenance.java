package org.guidelinekb.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * FHIR {@code Provenance} from the PROV records of a version (rows of {@code internal/fhir-provenance}): one per
 * recorded activity that generated the version (a load or a lifecycle write), with its time, agent and what it used;
 * the encoding activity and the source document the version was derived from are added to each as entities and
 * agents. R4 requires {@code recorded}: an activity without a recorded time gets no Provenance of its own.
 */
final class FhirProvenance {
    private FhirProvenance() {}

    private record Activity(String iri, String label, String at, Set<String> agents, Set<String> used) {}

    static List<Provenance> of(List<Binding> rows, List<Resource> targets) {
        Map<String, Activity> records = new LinkedHashMap<>();
        Set<String> encoders = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (Binding b : rows) {
            String iri = str(b, "activity");
            if ("encoding".equals(str(b, "kind"))) {
                if (str(b, "agent") != null) encoders.add(str(b, "agent"));
                if (str(b, "source") != null) sources.add(str(b, "source"));
                continue;
            }
            Activity a = records.computeIfAbsent(iri, k -> new Activity(k, str(b, "label"), str(b, "at"), new LinkedHashSet<>(), new LinkedHashSet<>()));
            if (str(b, "agent") != null) a.agents().add(str(b, "agent"));
            if (str(b, "used") != null) a.used().add(str(b, "used"));
        }
        List<Provenance> out = new ArrayList<>();
        int n = 0;
        for (Activity a : records.values()) {
            if (a.at() == null) continue;
            Provenance p = new Provenance();
            p.setId("provenance-" + (++n));
            for (Resource t : targets) p.addTarget(new Reference(t.fhirType() + "/" + t.getIdElement().getIdPart()));
            p.setRecordedElement(new InstantType(a.at()));
            p.addPolicy(a.iri());
            p.getActivity().setText(a.label() != null ? a.label() : a.iri());
            for (String agent : a.agents()) p.addAgent().setWho(FhirExport.display(agent));
            for (String agent : encoders) p.addAgent().setWho(FhirExport.display(agent + " (" + (encodingLabel(rows)) + ")"));
            if (p.getAgent().isEmpty()) p.addAgent().setWho(FhirExport.display("not recorded"));
            for (String u : a.used()) p.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(FhirExport.display(u));
            for (String s : sources) p.addEntity().setRole(Provenance.ProvenanceEntityRole.DERIVATION).setWhat(FhirExport.display(s));
            out.add(p);
        }
        return out;
    }

    private static String encodingLabel(List<Binding> rows) {
        for (Binding b : rows) {
            if ("encoding".equals(str(b, "kind")) && str(b, "label") != null) return str(b, "label");
        }
        return "encoding";
    }

    private static String str(Binding b, String var) {
        Node n = b.get(var);
        if (n == null) return null;
        return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : null;
    }
}

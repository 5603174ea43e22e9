package org.guidelinekb.fhir;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.StructureDefinition;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * HAPI's FhirInstanceValidator against FHIR R4 core, offline (no terminology server). Slow to build: one per test class.
 *
 * <p>Two things differ from a bare R4 core check, both documented in docs/fhir.md: the CPG profiles named in
 * {@code meta.profile} are not in R4 core, so they are reported as unchecked (a warning), not as errors; and with
 * {@code cpgContexts} the two R4 core extensions CPG puts on {@code PlanDefinition.action}
 * (cqf-strengthOfRecommendation, cqf-qualityOfEvidence) are also allowed there: R4 core declares them for
 * {@code Attachment} only. {@link FhirExportTest} shows that a bare R4 core check flags exactly these.
 */
final class FhirValidation {
    static final List<String> CPG_ACTION_EXTENSIONS = List.of(FhirUrls.STRENGTH, FhirUrls.QUALITY);
    private final FhirValidator validator;

    FhirValidation(boolean cpgContexts) {
        var ctx = FhirJson.context();
        DefaultProfileValidationSupport core = new DefaultProfileValidationSupport(ctx);
        PrePopulatedValidationSupport cpg = new PrePopulatedValidationSupport(ctx);
        if (cpgContexts) {
            for (String url : CPG_ACTION_EXTENSIONS) {
                StructureDefinition sd = ((StructureDefinition) core.fetchStructureDefinition(url)).copy();
                sd.addContext().setType(StructureDefinition.ExtensionContextType.ELEMENT).setExpression("PlanDefinition.action");
                cpg.addStructureDefinition(sd);
            }
        }
        ValidationSupportChain chain = new ValidationSupportChain(cpg, core,
                new InMemoryTerminologyServerValidationSupport(ctx), new CommonCodeSystemsTerminologyService(ctx));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setErrorForUnknownProfiles(false);
        validator = ctx.newValidator().registerValidatorModule(module);
    }

    /** The messages of severity error or fatal, as text. */
    List<String> errors(String json) {
        return validator.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirValidation::text).toList();
    }

    private static String text(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}

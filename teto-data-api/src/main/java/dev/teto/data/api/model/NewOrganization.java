package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.util.Map;

public record NewOrganization(
        String name,
        String domain,
        String sizeRange,
        String industry,
        String billingEmail,
        String status,
        Map<String, Object> metadata) {

    public static NewOrganization of(String name, String domain) {
        return new NewOrganization(name, domain, null, null, null, null, null);
    }

    public NewOrganization validate() {
        Check.requiredText("name", name, 255);
        Check.maxLength("domain", domain, 255);
        Check.maxLength("sizeRange", sizeRange, 50);
        Check.maxLength("industry", industry, 100);
        if (billingEmail != null) {
            Check.email("billingEmail", billingEmail);
        }
        Check.oneOf("status", status, Vocabulary.ORGANIZATION_STATUSES);
        Check.jsonObject("metadata", metadata);
        return this;
    }
}

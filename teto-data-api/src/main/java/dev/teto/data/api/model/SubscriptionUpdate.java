package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.time.Instant;
import java.util.Map;

/** Changes to a subscription; null components are left as they are. */
public record SubscriptionUpdate(
        String planType,
        String status,
        Instant endDate,
        Boolean autoRenew,
        Map<String, Object> paymentMethod,
        Map<String, Object> metadata) {

    public static SubscriptionUpdate status(String status) {
        return new SubscriptionUpdate(null, status, null, null, null, null);
    }

    public SubscriptionUpdate validate() {
        if (planType != null) {
            Check.requiredText("planType", planType, 50);
        }
        Check.oneOf("status", status, Vocabulary.SUBSCRIPTION_STATUSES);
        Check.instant("endDate", endDate);
        Check.jsonObject("paymentMethod", paymentMethod);
        Check.jsonObject("metadata", metadata);
        return this;
    }
}

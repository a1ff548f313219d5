package dev.teto.data.api.model;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Input for a subscription. {@code status} null means active; {@code autoRenew} null means true. */
public record NewSubscription(
        UUID userId,
        String planType,
        String status,
        Instant startDate,
        Instant endDate,
        Boolean autoRenew,
        Map<String, Object> paymentMethod,
        Map<String, Object> metadata) {

    public static NewSubscription of(UUID userId, String planType, Instant startDate, Instant endDate) {
        return new NewSubscription(userId, planType, null, startDate, endDate, null, null, null);
    }

    public NewSubscription validate() {
        Check.id("userId", userId);
        Check.requiredText("planType", planType, 50);
        Check.oneOf("status", status, Vocabulary.SUBSCRIPTION_STATUSES);
        Check.required("startDate", startDate);
        Check.instant("startDate", startDate);
        Check.instant("endDate", endDate);
        if (endDate != null && endDate.isBefore(startDate)) {
            throw new ValidationException("endDate", endDate, "must not be before startDate " + startDate);
        }
        Check.jsonObject("paymentMethod", paymentMethod);
        Check.jsonObject("metadata", metadata);
        return this;
    }
}

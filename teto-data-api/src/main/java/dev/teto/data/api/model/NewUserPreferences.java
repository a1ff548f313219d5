package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.util.Map;
import java.util.UUID;

public record NewUserPreferences(
        UUID userId,
        Map<String, Object> communication,
        Map<String, Object> privacy,
        Map<String, Object> notifications,
        Map<String, Object> contentPreferences,
        Map<String, Object> assessmentPreferences) {

    public NewUserPreferences validate() {
        Check.id("userId", userId);
        Check.jsonObject("communication", communication);
        Check.jsonObject("privacy", privacy);
        Check.jsonObject("notifications", notifications);
        Check.jsonObject("contentPreferences", contentPreferences);
        Check.jsonObject("assessmentPreferences", assessmentPreferences);
        return this;
    }
}

package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.util.Map;

/** Replaces the given preference groups; null components are left as they are. */
public record UserPreferencesUpdate(
        Map<String, Object> communication,
        Map<String, Object> privacy,
        Map<String, Object> notifications,
        Map<String, Object> contentPreferences,
        Map<String, Object> assessmentPreferences) {

    public UserPreferencesUpdate validate() {
        Check.jsonObject("communication", communication);
        Check.jsonObject("privacy", privacy);
        Check.jsonObject("notifications", notifications);
        Check.jsonObject("contentPreferences", contentPreferences);
        Check.jsonObject("assessmentPreferences", assessmentPreferences);
        return this;
    }
}

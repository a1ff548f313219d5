package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.util.Map;

/** Input for creating a user. {@code role}, {@code status} and {@code emailVerified} may be null for the defaults. */
public record NewUser(
        String email,
        String name,
        String passwordHash,
        String avatarUrl,
        String role,
        String status,
        Boolean emailVerified,
        Map<String, Object> preferences) {

    public static NewUser of(String email, String name) {
        return new NewUser(email, name, null, null, null, null, null, null);
    }

    public NewUser withRole(String newRole) {
        return new NewUser(email, name, passwordHash, avatarUrl, newRole, status, emailVerified, preferences);
    }

    public NewUser withPasswordHash(String hash) {
        return new NewUser(email, name, hash, avatarUrl, role, status, emailVerified, preferences);
    }

    public NewUser withStatus(String newStatus) {
        return new NewUser(email, name, passwordHash, avatarUrl, role, newStatus, emailVerified, preferences);
    }

    public NewUser withPreferences(Map<String, Object> newPreferences) {
        return new NewUser(email, name, passwordHash, avatarUrl, role, status, emailVerified, newPreferences);
    }

    public NewUser validate() {
        Check.email("email", email);
        Check.requiredText("name", name, 255);
        Check.secretMaxLength("passwordHash", passwordHash, 255);
        Check.text("avatarUrl", avatarUrl);
        Check.oneOf("role", role, Vocabulary.USER_ROLES);
        Check.oneOf("status", status, Vocabulary.USER_STATUSES);
        Check.jsonObject("preferences", preferences);
        return this;
    }

    @Override
    public String toString() {
        return "NewUser[role=" + role + ", status=" + status + "]";
    }
}

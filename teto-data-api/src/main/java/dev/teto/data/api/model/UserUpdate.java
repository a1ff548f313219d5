package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.time.Instant;
import java.util.Map;

/** Changes to a user; null components are left as they are. The email is not changeable here. */
public record UserUpdate(
        String name,
        String avatarUrl,
        String passwordHash,
        Boolean emailVerified,
        String role,
        String status,
        Map<String, Object> preferences,
        Instant lastLogin) {

    public static UserUpdate none() {
        return new UserUpdate(null, null, null, null, null, null, null, null);
    }

    public UserUpdate withName(String v) {
        return new UserUpdate(v, avatarUrl, passwordHash, emailVerified, role, status, preferences, lastLogin);
    }

    public UserUpdate withAvatarUrl(String v) {
        return new UserUpdate(name, v, passwordHash, emailVerified, role, status, preferences, lastLogin);
    }

    public UserUpdate withPasswordHash(String v) {
        return new UserUpdate(name, avatarUrl, v, emailVerified, role, status, preferences, lastLogin);
    }

    public UserUpdate withEmailVerified(Boolean v) {
        return new UserUpdate(name, avatarUrl, passwordHash, v, role, status, preferences, lastLogin);
    }

    public UserUpdate withRole(String v) {
        return new UserUpdate(name, avatarUrl, passwordHash, emailVerified, v, status, preferences, lastLogin);
    }

    public UserUpdate withStatus(String v) {
        return new UserUpdate(name, avatarUrl, passwordHash, emailVerified, role, v, preferences, lastLogin);
    }

    public UserUpdate withPreferences(Map<String, Object> v) {
        return new UserUpdate(name, avatarUrl, passwordHash, emailVerified, role, status, v, lastLogin);
    }

    public UserUpdate withLastLogin(Instant v) {
        return new UserUpdate(name, avatarUrl, passwordHash, emailVerified, role, status, preferences, v);
    }

    public UserUpdate validate() {
        if (name != null) {
            Check.requiredText("name", name, 255);
        }
        Check.text("avatarUrl", avatarUrl);
        Check.secretMaxLength("passwordHash", passwordHash, 255);
        Check.oneOf("role", role, Vocabulary.USER_ROLES);
        Check.oneOf("status", status, Vocabulary.USER_STATUSES);
        Check.jsonObject("preferences", preferences);
        Check.instant("lastLogin", lastLogin);
        return this;
    }

    @Override
    public String toString() {
        return "UserUpdate[role=" + role + ", status=" + status + "]";
    }
}

package dev.teto.data.api.privacy;

import java.util.Arrays;
import java.util.Objects;

/**
 * A 256-bit key that wraps users' data keys, named by an id so keys can rotate: data keys record the id of the
 * master key that wrapped them. Comes from the host's configuration, never from source.
 */
public record MasterKey(String id, byte[] material) {
    public static final int LENGTH = 32;

    public MasterKey {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("a master key id is 1 to 64 of [A-Za-z0-9_.-]");
        }
        if (material == null || material.length != LENGTH) {
            throw new IllegalArgumentException("master key " + id + " must be " + LENGTH + " bytes");
        }
        material = material.clone();
    }

    @Override
    public byte[] material() {
        return material.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKey other && id.equals(other.id) && Arrays.equals(material, other.material);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}

package dev.teto.data.api;

import dev.teto.data.api.context.Actor;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActorTest {

    @Test
    void labelsNameTheKindAndNeverAnEmail() {
        UUID id = UUID.randomUUID();
        assertEquals("user:" + id, Actor.user(id).label());
        assertEquals("service:billing", Actor.service("billing", "writer").label());
        assertEquals("none", Actor.NONE.label());
    }

    @Test
    void badActorsAreRefusedWhenMadeNotWhenFirstUsed() {
        assertThrows(IllegalArgumentException.class, () -> Actor.service(" ", "r"));
        assertThrows(IllegalArgumentException.class, () -> Actor.service("svc\u0000", "r"));
        assertThrows(IllegalArgumentException.class, () -> Actor.service("s".repeat(Actor.MAX_NAME + 1), "r"));
        assertThrows(IllegalArgumentException.class, () -> Actor.service("s", "r".repeat(Actor.MAX_NAME + 1)));
        assertThrows(NullPointerException.class, () -> Actor.user(null));
        Actor.service("s".repeat(Actor.MAX_NAME), "r");
    }
}

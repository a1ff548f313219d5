package dev.teto.data.mongo.internal;

import com.mongodb.MongoClientSettings;
import dev.teto.data.mongo.MongoOptions;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS options reach the driver's settings of both clients (the pool's and the health check's). */
class MongoTlsTest {
    private static final MongoOptions BASE = MongoOptions.builder().connectionString("mongodb://db:27017")
            .database("teto").build();

    @Test
    void offByDefault() {
        assertFalse(BASE.tls());
        assertFalse(settings(BASE).getSslSettings().isEnabled());
    }

    @Test
    void theOptionTurnsTlsOnWithHostNamesVerified() {
        MongoClientSettings s = settings(BASE.toBuilder().tls(true).build());
        assertTrue(s.getSslSettings().isEnabled());
        assertFalse(s.getSslSettings().isInvalidHostNameAllowed());
    }

    @Test
    void aGivenContextIsUsedAndImpliesTls() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        MongoOptions o = BASE.toBuilder().sslContext(context).build();
        assertTrue(o.tls());
        MongoClientSettings s = settings(o);
        assertTrue(s.getSslSettings().isEnabled());
        assertSame(context, s.getSslSettings().getContext());
    }

    @Test
    void theSettingAndTheConnectionStringBothWork() {
        MongoOptions fromSettings = MongoConfig.read(Map.of("uri", "mongodb://db:27017", "database", "teto",
                "tls", "true"));
        assertTrue(settings(fromSettings).getSslSettings().isEnabled());
        MongoOptions fromUri = MongoOptions.builder().connectionString("mongodb://db:27017/?tls=true")
                .database("teto").build();
        assertTrue(settings(fromUri).getSslSettings().isEnabled(), "tls(false) never turns the URI's TLS off");
        assertTrue(fromSettings.toString().contains("tls=true"));
    }

    private static MongoClientSettings settings(MongoOptions o) {
        Duration d = Duration.ofSeconds(1);
        return MongoStore.settings(o, d, d, d, 1, 0);
    }
}

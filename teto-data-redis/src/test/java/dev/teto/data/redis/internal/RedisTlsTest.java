package dev.teto.data.redis.internal;

import dev.teto.data.redis.RedisOptions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS options reach what Lettuce connects with: the {@link RedisURI} (TLS, peer check) and the trust store. */
class RedisTlsTest {
    private static final ClientOptions DEFAULTS = ClientOptions.create();

    @TempDir
    Path dir;

    @Test
    void offByDefaultAndOnWithTheOptionVerifyingThePeer() {
        RedisOptions plain = RedisOptions.builder().uri("redis://cache:6379").build();
        assertFalse(RedisConnections.uri(plain.uri(), plain).isSsl());
        RedisOptions tls = RedisConfig.read(Map.of("uri", "redis://cache:6379", "tls", "true"));
        RedisURI uri = RedisConnections.uri(tls.uri(), tls);
        assertTrue(uri.isSsl());
        assertTrue(uri.isVerifyPeer(), "the certificate and host name are checked by default");
        RedisOptions unverified = tls.toBuilder().tlsVerifyPeer(false).build();
        assertFalse(RedisConnections.uri(unverified.uri(), unverified).isVerifyPeer());
        assertTrue(RedisConnections.uri("rediss://cache:6380", plain).isSsl(), "rediss:// alone is TLS");
    }

    @Test
    void aTrustStoreReachesTheClientOptionsAndTurnsTlsOn() throws Exception {
        Path store = trustStore("changeit");
        RedisOptions o = RedisConfig.read(Map.of("cluster-nodes", "a:7000,b:7001", "tls.truststore", store.toString(),
                "tls.truststore-password", "changeit"));
        assertTrue(o.tls());
        assertTrue(RedisConnections.uri("redis://a:7000", o).isSsl());
        SslOptions ssl = clientOptions(o).getSslOptions();
        assertNotSame(DEFAULTS.getSslOptions(), ssl);
        assertDoesNotThrow(ssl::createSslContextBuilder, "the trust store opens with its password");
        assertFalse(o.toString().contains("changeit"));

        RedisOptions wrongPassword = o.toBuilder().tlsTruststorePassword("wrong").build();
        assertThrows(Exception.class, () -> clientOptions(wrongPassword).getSslOptions().createSslContextBuilder(),
                "the password given is the one used");
    }

    @Test
    void withoutATrustStoreTheJvmDefaultsStay() {
        RedisOptions o = RedisOptions.builder().uri("redis://cache:6379").tls(true).build();
        assertSame(DEFAULTS.getSslOptions(), clientOptions(o).getSslOptions());
    }

    @Test
    void anUnreadableTrustStoreFailsNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisConfig.read(Map.of(
                "uri", "redis://cache:6379", "tls.truststore", dir.resolve("missing.p12").toString())));
        assertTrue(e.getMessage().contains("tls.truststore"), e.getMessage());
    }

    private static ClientOptions clientOptions(RedisOptions o) {
        return RedisConnections.clientOptions(o, SocketOptions.create(), TimeoutOptions.enabled(Duration.ofSeconds(1)));
    }

    private Path trustStore(String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }
}

package dev.teto.data.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Redis server of its own, behind a {@link TcpProxy}, that a test can stop, freeze or cut off: to prove that
 * reads fall back, writes go on and no call hangs when Redis goes away, and that nothing stale is served when it
 * comes back. The shared server is never used for this: stopping it would break every other test in the JVM.
 *
 * <ul>
 *   <li>{@link #stopServer()} / {@link #restartServer()}: the server process goes away (connections refused) and comes back on
 *       the same port, empty;</li>
 *   <li>{@link #freeze()} / {@link #thaw()}: SIGSTOP / SIGCONT, a server that accepts and never answers;</li>
 *   <li>{@link #cut()} / {@link #restore()}: the proxy black-holes the link while the server stays up (the
 *       connections are closed on restore, so the client reconnects).</li>
 * </ul>
 *
 * <p>Always an embedded Redis (even with {@code TETO_REDIS_URL} set). {@link #close()} stops both; a shutdown hook
 * stops the server if a test never gets there.
 */
public final class DisruptableRedis implements AutoCloseable {
    private final EmbeddedRedis server;
    private final TcpProxy proxy;

    private DisruptableRedis(EmbeddedRedis server, TcpProxy proxy) {
        this.server = server;
        this.proxy = proxy;
    }

    public static DisruptableRedis start() {
        EmbeddedRedis server = EmbeddedRedis.start();
        try {
            return new DisruptableRedis(server, TcpProxy.start("127.0.0.1", server.port()));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Through the proxy: what the code under test connects to. */
    public String uri() {
        return "redis://127.0.0.1:" + proxy.port();
    }

    /** Straight to the server, past the proxy: for a test to look at or change the data while the link is cut. */
    public String directUri() {
        return server.uri();
    }

    /** {@code redis.uri} (through the proxy) and a fresh {@code redis.prefix}. */
    public Map<String, String> settings(String nameHint) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("redis.uri", uri());
        settings.put("redis.prefix", TestRedis.newPrefix(nameHint));
        return settings;
    }

    /** A plain connection straight to the server (not through the proxy); the caller closes it. */
    public TestRedisClient directClient() {
        return TestRedisClient.standalone(directUri());
    }

    public void stopServer() {
        server.stop();
        proxy.dropConnections();
    }

    public void restartServer() {
        server.restart();
    }

    public void freeze() {
        server.freeze();
    }

    public void thaw() {
        server.thaw();
    }

    public void cut() {
        proxy.cut();
    }

    public void restore() {
        proxy.restore();
    }

    @Override
    public void close() {
        try {
            proxy.close();
        } finally {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "DisruptableRedis[" + server + ", proxy port " + proxy.port() + "]";
    }
}

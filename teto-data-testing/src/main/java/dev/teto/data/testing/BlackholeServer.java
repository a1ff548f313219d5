package dev.teto.data.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server on 127.0.0.1 that accepts connections and then never says anything: the cheapest stand-in for a
 * database that is reachable but does not answer, to prove that connecting fails within a timeout instead of hanging.
 *
 * <p>A closed port is no substitute: the connection is refused at once and no timeout is exercised. Here the connect
 * succeeds and the client's first read (the answer to its SSL request or startup message) blocks until a login,
 * connect or socket timeout ends it. Unlike {@link FreezablePostgres} it needs no PostgreSQL and starts in
 * milliseconds, but there is never a working connection to freeze: use it for connection set-up only.
 *
 * <pre>{@code
 * try (BlackholeServer blackhole = BlackholeServer.start()) {
 *     ... connect to blackhole.jdbcUrl() with a login timeout; it must fail in time ...
 *     assertEquals(1, blackhole.acceptedConnections());
 * }
 * }</pre>
 *
 * <p>Accepted sockets are held open, unread, until {@link #close()}, so the client sees neither data nor EOF.
 * Thread-safe.
 */
public final class BlackholeServer implements AutoCloseable {

    private static final Duration JOIN_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(BlackholeServer.class);

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final List<Socket> accepted = new ArrayList<>();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    private boolean closed;   // guarded by accepted

    private BlackholeServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(this::acceptLoop, "teto-blackhole-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);   // must never keep a JVM alive whose test forgot to close it
    }

    /**
     * Binds 127.0.0.1 on an ephemeral port and starts accepting.
     *
     * @throws IllegalStateException when no port can be bound
     */
    public static BlackholeServer start() {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            closeQuietly(socket);
            throw new IllegalStateException("Could not bind a blackhole server on 127.0.0.1: " + e, e);
        }
        BlackholeServer server = new BlackholeServer(socket);
        server.acceptor.start();
        LOG.debug("Blackhole server listening on {}", server.jdbcUrl());
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    /** How many connections were accepted so far: tells a test that the client got as far as connecting. */
    public int acceptedConnections() {
        return acceptedCount.get();
    }

    /** Closes the listening socket and every accepted connection (the client then sees EOF), and ends the thread. */
    @Override
    public void close() {
        List<Socket> toClose;
        synchronized (accepted) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(accepted);
            accepted.clear();
        }
        closeQuietly(serverSocket);   // wakes the acceptor out of accept()
        toClose.forEach(BlackholeServer::closeQuietly);
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(JOIN_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (acceptor.isAlive()) {
                LOG.warn("Blackhole acceptor thread {} still running {} after close", acceptor.getName(), JOIN_WAIT);
            }
        }
        LOG.debug("Blackhole server on port {} closed after {} connections", port(), acceptedCount.get());
    }

    @Override
    public String toString() {
        return "BlackholeServer[127.0.0.1:" + port() + ", " + acceptedCount.get() + " accepted]";
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException | RuntimeException e) {
                // SocketException when close() closed the listening socket; anything else ends accepting too, as a
                // retry loop could spin on an error that does not go away (out of file descriptors)
                if (!isClosed()) {
                    LOG.warn("Blackhole server on port {} stopped accepting: {}", port(), e.toString());
                }
                return;
            }
            synchronized (accepted) {
                if (closed) {
                    closeQuietly(socket);
                    return;
                }
                accepted.add(socket);
            }
            int n = acceptedCount.incrementAndGet();
            LOG.debug("Blackhole server on port {} accepted connection {} from {}", port(), n,
                    socket.getRemoteSocketAddress());
        }
    }

    private boolean isClosed() {
        synchronized (accepted) {
            return closed;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("While closing {}", closeable, e);
        }
    }
}

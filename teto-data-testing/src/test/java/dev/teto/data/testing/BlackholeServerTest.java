package dev.teto.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class BlackholeServerTest {

    /** The timeouts below are 2 s; anything past this bound is a hang, not a slow timeout. */
    private static final Duration HANG = Duration.ofSeconds(20);

    @Test
    void jdbcConnectWithLoginAndConnectTimeoutFailsInTimeAfterBeingAccepted() {
        try (BlackholeServer blackhole = BlackholeServer.start()) {
            Properties props = credentials();
            props.setProperty("loginTimeout", "2");
            props.setProperty("connectTimeout", "2");

            Duration took = assertTimeoutPreemptively(HANG, () -> timed(() ->
                    assertThrows(SQLException.class, () -> DriverManager.getConnection(blackhole.jdbcUrl(), props))));

            assertTrue(took.compareTo(Duration.ofMillis(1500)) >= 0, "failed before the timeout could fire: " + took);
            assertTrue(took.compareTo(Duration.ofSeconds(8)) <= 0, "took " + took);
            // it did connect: the failure is the login timeout, not a refused connection (the driver's background
            // thread may already have retried without SSL, hence not exactly 1)
            assertTrue(blackhole.acceptedConnections() >= 1, "accepted " + blackhole.acceptedConnections());
        }
    }

    @Test
    void connectTimeoutAloneDoesNotEndTheWaitButCloseReleasesTheClient() throws Exception {
        // pgjdbc applies connectTimeout to the TCP connect only: against a silent server it waits for the first answer
        // forever. Worth knowing when choosing what a pool sets, and it shows close() frees a client stuck here.
        BlackholeServer blackhole = BlackholeServer.start();
        try {
            Properties props = credentials();
            props.setProperty("connectTimeout", "2");
            props.setProperty("sslmode", "disable");
            CompletableFuture<Connection> connect = CompletableFuture.supplyAsync(() -> {
                try {
                    return DriverManager.getConnection(blackhole.jdbcUrl(), props);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, daemonThread());

            assertThrows(TimeoutException.class, () -> connect.get(4, TimeUnit.SECONDS), "still waiting at 2x");
            assertEquals(1, blackhole.acceptedConnections());

            blackhole.close();

            ExecutionException failed = assertThrows(ExecutionException.class, () -> connect.get(5, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof SQLException, failed.getCause().toString());
        } finally {
            blackhole.close();
        }
    }

    @Test
    void acceptedSocketsGetNoDataUntilCloseGivesThemEof() throws Exception {
        BlackholeServer blackhole = BlackholeServer.start();
        int port = blackhole.port();
        String acceptor = "teto-blackhole-" + port;
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            awaitAccepted(blackhole, 1);
            client.getOutputStream().write(new byte[] {0, 0, 0, 8, 4, (byte) 0xd2, 0x16, 0x2f});   // SSLRequest
            client.getOutputStream().flush();
            InputStream in = client.getInputStream();
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, in::read, "the blackhole never answers");
            assertTrue(threadAlive(acceptor));

            blackhole.close();

            client.setSoTimeout(5_000);
            assertEquals(-1, in.read(), "close() closes accepted connections");
        } finally {
            blackhole.close();
        }
        assertFalse(threadAlive(acceptor), "the accept thread ends with close()");
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        blackhole.close();   // idempotent
        assertEquals(1, blackhole.acceptedConnections());
    }

    @Test
    void countsEveryAcceptedConnectionAndNamesItsPortInTheUrl() throws Exception {
        try (BlackholeServer blackhole = BlackholeServer.start()) {
            assertTrue(blackhole.port() > 0);
            assertEquals("jdbc:postgresql://127.0.0.1:" + blackhole.port() + "/postgres", blackhole.jdbcUrl());
            assertEquals(0, blackhole.acceptedConnections());
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    clients.add(new Socket(InetAddress.getLoopbackAddress(), blackhole.port()));
                }
                awaitAccepted(blackhole, 3);
            } finally {
                for (Socket client : clients) {
                    client.close();
                }
            }
        }
    }

    @Test
    void acceptThreadIsADaemon() {
        try (BlackholeServer blackhole = BlackholeServer.start()) {
            String name = "teto-blackhole-" + blackhole.port();
            Thread acceptor = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
            assertTrue(acceptor.isDaemon());
        }
    }

    private static Properties credentials() {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "postgres");
        return props;
    }

    /** The connect it runs may never return: it must not keep the JVM alive. */
    private static Executor daemonThread() {
        return command -> {
            Thread thread = new Thread(command, "blackhole-test-connect");
            thread.setDaemon(true);
            thread.start();
        };
    }

    private static Duration timed(Runnable action) {
        long t0 = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static void awaitAccepted(BlackholeServer blackhole, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (blackhole.acceptedConnections() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        assertEquals(count, blackhole.acceptedConnections());
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}

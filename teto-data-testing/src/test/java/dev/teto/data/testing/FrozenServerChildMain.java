package dev.teto.data.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Run by {@link FreezablePostgresIT} in a JVM of its own, because what it checks happens when a JVM ends: starts a
 * {@link FreezablePostgres}, opens a connection (so that a backend exists), freezes the server, writes
 * {@code pid=<postmaster>}, {@code root=<temp dir>} and {@code tree=<pids of the postmaster and its
 * descendants>} to the file named by its second argument, and then either
 * exits ({@code exit}: the shutdown hook must clean up) or waits to be SIGKILLed ({@code wait}: nothing runs).
 */
final class FrozenServerChildMain {

    /** A child the test forgot to kill must not live forever. */
    private static final long MAX_WAIT_MILLIS = 120_000;

    private FrozenServerChildMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path report = Paths.get(args[1]);
        FreezablePostgres pg = FreezablePostgres.start();   // deliberately never closed
        Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
        connection.createStatement().execute("SELECT 1");
        pg.freeze();
        Path tmp = report.resolveSibling(report.getFileName() + ".tmp");
        ProcessHandle postmaster = ProcessHandle.of(pg.postmasterPid()).orElseThrow();
        String tree = Stream.concat(Stream.of(postmaster), postmaster.descendants())
                .map(p -> Long.toString(p.pid())).collect(Collectors.joining(","));
        Files.writeString(tmp, "pid=" + pg.postmasterPid() + "\nroot=" + pg.root() + "\ntree=" + tree + "\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, report, StandardCopyOption.ATOMIC_MOVE);
        if (mode.equals("exit")) {
            System.exit(0);
        }
        Thread.sleep(MAX_WAIT_MILLIS);
        System.exit(3);
    }
}

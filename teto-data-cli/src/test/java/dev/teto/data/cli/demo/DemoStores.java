package dev.teto.data.cli.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.teto.data.cli.TetoCli;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestMongo;
import org.bson.Document;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A fresh PostgreSQL schema and MongoDB database for one demo test, a settings file the CLI reads, the CLI run
 * in-process on them, and raw access to both stores (their own drivers) for the test's own counts.
 */
final class DemoStores implements AutoCloseable {
    final TestDatabase db;
    final TestMongo mongo;
    final Path config;
    private final MongoClient client;

    /** What one CLI run returned and printed. */
    record Run(int exitCode, String out, String err) {
    }

    DemoStores(String hint, Path dir) {
        db = TestDatabase.create(hint);
        mongo = TestMongo.create(hint);
        config = dir.resolve(hint + ".properties");
        Properties p = new Properties();
        settings().forEach(p::setProperty);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "demo test stores");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = MongoClients.create(mongo.connectionString());
    }

    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>(db.settings());
        settings.putAll(mongo.settings());
        return settings;
    }

    /** A TetoData of the test's own over the same stores (the caller closes it). */
    TetoData open() {
        return TetoData.builder().configure(settings()).build();
    }

    /** Runs {@code teto-data --config <file> args...} in-process, output captured, not on a terminal. */
    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TetoCli(Map.of(), false, UnaryOperator.identity()));
        if (!cl.getSubcommands().containsKey("demo")) {
            cl.addSubcommand(new CommandLine(new DemoCommand()));   // until TetoCli registers it itself
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    MongoCollection<Document> patterns() {
        return client.getDatabase(mongo.database()).getCollection("behavioral_patterns");
    }

    MongoCollection<Document> cohorts() {
        return client.getDatabase(mongo.database()).getCollection("cohort_analytics");
    }

    /** {@code {patterns, patterns with an anomaly, anomalies}} over every stored {@code response_time} pattern. */
    long[] storedAnomalies() {
        long[] n = new long[3];
        for (Document d : patterns().find(new Document("pattern_type", ReportReader.RESPONSE_TIME))) {
            int anomalies = ((List<?>) ((Document) d.get("pattern_data")).get("anomalies")).size();
            n[0]++;
            n[1] += anomalies > 0 ? 1 : 0;
            n[2] += anomalies;
        }
        return n;
    }

    @Override
    public void close() {
        client.close();
        mongo.close();
        db.close();
    }
}

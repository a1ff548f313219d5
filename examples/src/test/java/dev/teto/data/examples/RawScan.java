package dev.teto.data.examples;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestRedis;
import dev.teto.data.testing.TestSearch;
import io.lettuce.core.api.sync.RedisKeyCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Everything a store holds, read with its raw driver and flattened to text, so a test can search it for a person's
 * data. Nothing here goes through teto-data.
 */
final class RawScan {
    private RawScan() {
    }

    /** Every row of every table in the schema (partitions read directly, parents skipped), as text. */
    static String postgres(TestDatabase db) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = '" + db.schema() + "' AND c.relkind = 'r'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM \"" + db.schema() + "\".\"" + table + "\" t")) {
                    while (rs.next()) {
                        out.append(table).append(": ").append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    static String mongo(TestMongo mongo) {
        StringBuilder out = new StringBuilder();
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase(mongo.database());
            for (String name : database.listCollectionNames()) {
                for (Document doc : database.getCollection(name).find()) {
                    out.append(name).append(": ").append(doc.toJson()).append('\n');
                }
            }
        }
        return out.toString();
    }

    static String redis(TestRedis redis) {
        StringBuilder out = new StringBuilder();
        RedisClusterCommands<String, String> commands = redis.client().commands();
        for (String key : redis.keys()) {
            out.append(key).append(" = ");
            String type = ((RedisKeyCommands<String, String>) commands).type(key);
            switch (type) {
                case "string" -> out.append(commands.get(key));
                case "hash" -> out.append(commands.hgetall(key));
                case "list" -> out.append(commands.lrange(key, 0, -1));
                case "set" -> out.append(commands.smembers(key));
                case "zset" -> out.append(commands.zrange(key, 0, -1));
                default -> out.append('<').append(type).append('>');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Every document of every index under the fixture's prefix, after a refresh. */
    static String search(TestSearch search) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String indexes = search.indexPrefix() + "*";
        http.send(HttpRequest.newBuilder(URI.create(search.url() + "/" + indexes + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(search.url() + "/" + indexes + "/_search?size=10000"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match_all\":{}}}"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search scan failed: HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** Every record's key and value of every topic under the fixture's prefix, from the beginning. */
    static List<String> kafka(TestKafka kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-scan-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<String> topics = consumer.listTopics(Duration.ofSeconds(10)).keySet().stream()
                    .filter(t -> t.startsWith(kafka.topicPrefix())).toList();
            consumer.subscribe(topics);
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(4).toNanos() && System.nanoTime() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(500));
                if (!batch.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records.add(r.topic() + " " + text(r.key()) + " = " + text(r.value()));
                }
            }
        }
        return records;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "<null>" : new String(bytes, StandardCharsets.UTF_8);
    }
}

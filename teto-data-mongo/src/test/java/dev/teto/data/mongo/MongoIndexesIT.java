package dev.teto.data.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code listIndexes} of every collection against the seed's index section (copied verbatim into test resources)
 * plus our documented additions: names, keys, unique and text, nothing missing and nothing else.
 */
@TetoDataTest(stores = TestStore.MONGO)
class MongoIndexesIT {
    private static final Pattern LINE = Pattern.compile("^db\\.(\\w+)\\.createIndex\\((\\{.*?\\})(?:,\\s*(\\{.*\\}))?\\)$");

    @Test
    void everyCollectionHasExactlyTheSeedIndexesPlusOurs(TetoData data, TestMongo mongo) throws Exception {
        assertNotNull(data);   // building TetoData created the indexes
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String resource : List.of("/seed/mongodb-indexes.txt", "/seed/added-indexes.txt")) {
            for (String[] index : read(resource)) {
                expected.computeIfAbsent(index[0], k -> new TreeSet<>(Set.of("_id_ {_id=1} unique=false text=false")))
                        .add(index[1]);
            }
        }
        assertEquals(19, read("/seed/mongodb-indexes.txt").size(), "the seed lists 19 indexes");
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString())).build())) {
            MongoDatabase db = client.getDatabase(mongo.database());
            for (Map.Entry<String, Set<String>> collection : expected.entrySet()) {
                Set<String> actual = new TreeSet<>();
                for (Document index : db.getCollection(collection.getKey()).listIndexes()) {
                    actual.add(describe(index));
                }
                assertEquals(collection.getValue(), actual, collection.getKey());
            }
        }
    }

    /** [collection, "name {keys} unique=.. text=.."] per createIndex line. */
    private static List<String[]> read(String resource) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                MongoIndexesIT.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = LINE.matcher(line.trim());
                if (!m.matches()) {
                    continue;
                }
                Document keys = Document.parse(m.group(2));
                boolean unique = m.group(3) != null && Document.parse(m.group(3)).getBoolean("unique", false);
                out.add(new String[] {m.group(1), describe(defaultName(keys), keys, unique)});
            }
        }
        return out;
    }

    private static String defaultName(Document keys) {
        List<String> parts = new ArrayList<>();
        keys.forEach((field, direction) -> {
            parts.add(field);
            parts.add(String.valueOf(direction));
        });
        return String.join("_", parts);
    }

    /** A real mongod lists a text index as {_fts: text, _ftsx: 1} with weights; the stand-in as written. */
    private static String describe(Document index) {
        Document keys = index.get("key", Document.class);
        if (keys.containsKey("_fts")) {
            Document text = new Document();
            new TreeSet<>(index.get("weights", Document.class).keySet()).forEach(field -> text.append(field, "text"));
            keys = text;
        }
        return describe(index.getString("name"), keys, index.getBoolean("unique", false));
    }

    private static String describe(String name, Document keys, boolean unique) {
        boolean text = keys.values().stream().anyMatch("text"::equals);
        Document normalized = new Document();
        if (text) {
            new TreeSet<>(keys.keySet()).forEach(field -> normalized.append(field, "text"));
        } else {
            keys.forEach((field, direction) -> normalized.append(field,
                    direction instanceof Number n ? (Object) n.intValue() : direction));
        }
        return name + " " + normalized.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()
                .toString().replace('[', '{').replace(']', '}') + " unique=" + unique + " text=" + text;
    }
}

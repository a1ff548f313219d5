package dev.teto.data.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.bson.UuidRepresentation;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Short-lived driver clients for the fixture's own chores: a reachability check, dropping a test's database. */
final class MongoPing {
    private MongoPing() {
    }

    static void check(String uri, String what) {
        try {
            with(uri, client -> client.getDatabase("admin").runCommand(new Document("ping", 1)));
        } catch (MongoException e) {
            throw new IllegalStateException(what + " is not reachable: " + e.getClass().getSimpleName(), e);
        }
    }

    static void with(String uri, Consumer<MongoClient> work) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            work.accept(client);
        }
    }
}

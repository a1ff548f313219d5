package dev.teto.data.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.error.TransientDataException.Reason;
import dev.teto.data.mongo.internal.MongoErrors;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class MongoErrorsTest {
    private static final ServerAddress SERVER = new ServerAddress("db.example", 27017);

    private static Reason reason(RuntimeException e) {
        return assertInstanceOf(TransientDataException.class,
                MongoErrors.translate("op", (com.mongodb.MongoException) e)).reason();
    }

    @Test
    void retryableFailuresAreTransientWithTheirReason() {
        assertEquals(Reason.UNAVAILABLE, reason(new MongoTimeoutException("Timed out while waiting for a server")));
        assertEquals(Reason.POOL_EXHAUSTED, reason(new MongoTimeoutException(
                "Timed out after 10 ms while waiting for a connection to server db.example:27017.")));
        assertEquals(Reason.UNAVAILABLE, reason(new MongoSocketOpenException("refused", SERVER, new IOException())));
        assertEquals(Reason.CONNECTION_LOST, reason(new MongoSocketReadException("reset", SERVER)));
        assertEquals(Reason.STATEMENT_TIMEOUT, reason(new MongoSocketReadTimeoutException("slow", SERVER, new IOException())));
    }

    @Test
    void otherFailuresKeepNoDriverMessage() {
        MongoCommandException command = new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(2)).append("errmsg", new BsonString("bad value mina@example.com")), SERVER);
        TetoDataException translated = MongoErrors.translate("search posts", command);
        assertInstanceOf(DataAccessException.class, translated);
        assertFalse(translated.getMessage().contains("mina"), translated.getMessage());
        assertFalse(translated.getCause().getMessage().contains("mina"), translated.getCause().getMessage());
        assertEquals("mongo", translated.store().orElseThrow());
    }
}

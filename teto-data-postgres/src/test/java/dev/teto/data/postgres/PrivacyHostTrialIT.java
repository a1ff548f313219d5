package dev.teto.data.postgres;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.privacy.ErasureReceipt;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a host trial of privacy found, one test each: every one failed before its fix. */
class PrivacyHostTrialIT {
    private static TestDatabase db;
    private static TetoData data;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("privacy_trial");
        data = TetoData.builder().configure(db.settings()).build();
    }

    @AfterAll
    static void close() {
        data.close();
        db.close();
    }

    private static User user(String tag) {
        return data.users().create(NewUser.of(tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "Trial " + tag));
    }

    @Test
    void aUserMayExportAndEraseOnlyThemselves() {
        User a = user("a");
        User b = user("b");
        assertThrows(NotFoundException.class, () -> data.as(Actor.user(a.id())).privacy().export(b.id()));
        assertThrows(NotFoundException.class, () -> data.as(Actor.user(a.id())).privacy().erase(b.id()));
        assertTrue(data.as(Actor.user(a.id())).privacy().erasure(b.id()).isEmpty());
        assertTrue(data.users().findById(b.id()).isPresent(), "B is untouched");
        assertTrue(data.as(Actor.user(a.id())).privacy().export(a.id()).json().contains("Trial a"), "self-service export");
        assertTrue(data.as(Actor.user(a.id(), "admin")).privacy().export(b.id()).json().contains("Trial b"));
        assertThrows(IllegalStateException.class, () -> data.useTransaction(tx -> tx.privacy().export(a.id())),
                "privacy runs its own transactions");
    }

    @Test
    void twentyConcurrentErasuresOfOnePersonGiveOneReceiptWithTrueCounts() throws Exception {
        User u = user("twenty");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<ErasureReceipt>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> data.privacy().erase(u.id())));
            }
            Set<String> subjects = new java.util.HashSet<>();
            for (Future<ErasureReceipt> call : calls) {
                subjects.add(call.get().subject());
            }
            assertEquals(1, subjects.size());
        } finally {
            pool.shutdownNow();
        }
        data.events().drain();
        data.privacy().resumeErasures();
        ErasureReceipt receipt = data.privacy().erasure(u.id()).orElseThrow();
        assertEquals(1, receipt.store("keys").orElseThrow().removed(), receipt.toString());
        assertTrue(receipt.store("postgres").orElseThrow().removed() >= 1, receipt.toString());
    }

    @Test
    void anExportDuringAnErasureIsNotFoundNeverPartial() {
        User u = user("racing");
        data.privacy().erase(u.id());
        assertThrows(NotFoundException.class, () -> data.privacy().export(u.id()));
    }

    @Test
    void theAppLoginCannotDeleteErasureProofsNorReadTheAuditLog() throws SQLException {
        User u = user("proof");
        data.privacy().erase(u.id());
        try (Connection app = db.openAppConnection(); Statement s = app.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM erasure_jobs"));
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT count(*) FROM audit_log"));
        }
        assertTrue(db.count("erasure_jobs") > 0);
    }

    @Test
    void buildRefusesAnotherBlindIndexKeyOrAMissingMasterKey() {
        user("keys");
        Map<String, String> otherIndex = new HashMap<>(db.settings());
        otherIndex.put("privacy.blind-index-key", Base64.getEncoder().encodeToString(new byte[32]));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TetoData.builder().configure(otherIndex).build().close());
        assertTrue(e.getMessage().contains("privacy.blind-index-key"), e.getMessage());
        assertFalse(e.getMessage().contains(otherIndex.get("privacy.blind-index-key")));

        Map<String, String> otherMaster = new HashMap<>(db.settings());
        otherMaster.put("privacy.master-keys", "k2:" + Base64.getEncoder().encodeToString(new byte[32]));
        otherMaster.put("privacy.active-master-key", "k2");
        TetoDataException missing = assertThrows(TetoDataException.class,
                () -> TetoData.builder().configure(otherMaster).build().close());
        assertTrue(missing.getMessage().contains("master key test is not configured"), missing.getMessage());
    }

    @Test
    void rotationRewrapsEveryKeyThenTheOldMasterKeyCanGo() {
        TestDatabase own = TestDatabase.create("rotation");
        try {
            Map<String, String> k1 = new HashMap<>(own.settings());
            String oldKey = Base64.getEncoder().encodeToString(filled(1));
            String newKey = Base64.getEncoder().encodeToString(filled(2));
            k1.put("privacy.master-keys", "k1:" + oldKey);
            k1.put("privacy.active-master-key", "k1");
            List<UUID> users = new ArrayList<>();
            try (TetoData before = TetoData.builder().configure(k1).build()) {
                for (int i = 0; i < 3; i++) {
                    users.add(before.users().create(NewUser.of("rot" + i + "-" + UUID.randomUUID() + "@example.com", "Rot " + i)).id());
                }
            }
            Map<String, String> both = new HashMap<>(k1);
            both.put("privacy.master-keys", "k2:" + newKey + ",k1:" + oldKey);
            both.put("privacy.active-master-key", "k2");
            try (TetoData rotating = TetoData.builder().configure(both).build()) {
                assertEquals(2, rotating.privacy().rewrapKeys(2));
                assertEquals(1, rotating.privacy().rewrapKeys(100));
                assertEquals(0, rotating.privacy().rewrapKeys(100));
                assertThrows(IllegalStateException.class, () -> rotating.as(Actor.user(users.get(0))).privacy().rewrapKeys(1));
            }
            Map<String, String> onlyNew = new HashMap<>(k1);
            onlyNew.put("privacy.master-keys", "k2:" + newKey);
            onlyNew.put("privacy.active-master-key", "k2");
            try (TetoData after = TetoData.builder().configure(onlyNew).build()) {
                for (int i = 0; i < 3; i++) {
                    assertEquals("Rot " + i, after.users().findById(users.get(i)).orElseThrow().name());
                }
            }
        } finally {
            own.close();
        }
    }

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void readsOfTheBareFacadeAreAuditedAsTheService() {
        User u = user("audited");
        data.users().findById(u.id());
        Set<String> actors = new java.util.HashSet<>();
        try (Connection c = db.openConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT DISTINCT actor FROM audit_log WHERE action = 'read'")) {
            while (rs.next()) {
                actors.add(rs.getString(1));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        assertTrue(actors.contains("service:teto-data"), actors.stream().collect(Collectors.joining(",")));
        assertFalse(actors.contains("none"));
    }
}

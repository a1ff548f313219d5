package dev.teto.data.postgres;

import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.repository.UserRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** V6: the append-only audit log and its partitions, and users' sealed email with its blind index. */
class PrivacySchemaIT {
    private static PrivacyStore pg;

    @BeforeAll
    static void open() {
        pg = new PrivacyStore("privacy_schema");
    }

    @AfterAll
    static void close() {
        pg.close();
    }

    private static void appendAudit(String ref, String at) {
        pg.db.execute("INSERT INTO audit_log (at, actor, action, entity, entity_ref) VALUES (CAST(? AS timestamptz), 'none', 'read', 'user', ?)",
                at, ref);
    }

    @Test
    void theAuditLogRefusesUpdateDeleteAndTruncateEvenToASuperuser() {
        String ref = "r-" + UUID.randomUUID();
        appendAudit(ref, "now");
        assertTrue(pg.db.count("SELECT count(*) FROM pg_roles WHERE rolname = current_user AND rolsuper") == 1,
                "the test connects as a superuser, whom no grant stops");
        for (String statement : new String[] {"UPDATE audit_log SET actor = 'x' WHERE entity_ref = '" + ref + "'",
                "DELETE FROM audit_log WHERE entity_ref = '" + ref + "'", "TRUNCATE audit_log"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pg.db.execute(statement), statement);
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
        assertEquals(1, pg.db.count("SELECT count(*) FROM audit_log WHERE entity_ref = ? AND actor = 'none'", ref));
    }

    @Test
    void partitionsExistForThisMonthAndTheNextThree() {
        ZonedDateTime month = ZonedDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i <= 3; i++) {
            String name = "audit_log_p" + month.plusMonths(i).format(DateTimeFormatter.ofPattern("yyyyMM"));
            assertEquals(1, pg.db.count("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? "
                    + "AND i.inhparent = 'audit_log'::regclass", pg.db.schema(), name), name);
        }
        String ref = "r-" + UUID.randomUUID();
        appendAudit(ref, "now");
        assertEquals(0, pg.db.count("SELECT count(*) FROM audit_log_default WHERE entity_ref = ?", ref), "not in the default");
    }

    /** Rows that landed in the default partition move to their month when it is created, despite the trigger. */
    @Test
    void aLateMonthTakesItsRowsOutOfTheDefaultPartition() {
        String ref = "r-" + UUID.randomUUID();
        ZonedDateTime far = ZonedDateTime.now(ZoneOffset.UTC).plusMonths(30).withDayOfMonth(15);
        appendAudit(ref, far.toOffsetDateTime().toString());
        assertEquals(1, pg.db.count("SELECT count(*) FROM audit_log_default WHERE entity_ref = ?", ref));
        assertTrue(pg.db.count("SELECT ensure_audit_log_partitions(31)") >= 1);
        String name = "audit_log_p" + far.format(DateTimeFormatter.ofPattern("yyyyMM"));
        assertEquals(1, pg.db.count("SELECT count(*) FROM " + name + " WHERE entity_ref = ?", ref));
        assertEquals(0, pg.db.count("SELECT count(*) FROM audit_log_default WHERE entity_ref = ?", ref));
        appendAudit(ref, ZonedDateTime.now(ZoneOffset.UTC).plusYears(20).toOffsetDateTime().toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pg.db.execute("DELETE FROM audit_log_default"));
        assertTrue(e.getMessage().contains("append-only"), "the default partition's trigger is back: " + e.getMessage());
        assertThrows(IllegalStateException.class, () -> pg.db.execute("DELETE FROM " + name));
    }

    @Test
    void aSealedEmailIsFoundAndKeptUniqueByItsBlindIndex() {
        String sealed = PrivacyStore.sealedEmail();
        String index = sealed.split("\\.")[1];
        User created = pg.inTx(UserRepository.class, users -> users.create(NewUser.of(sealed, "tenc1." + "n".repeat(600))));
        assertEquals(sealed, created.email(), "a sealed email far past 255 characters fits");
        String lookup = "bi1." + index;
        assertEquals(created.id(), pg.inTx(UserRepository.class, users -> users.findByEmail(lookup)).orElseThrow().id(),
                "found by the bi1.<index> prefix alone");
        String resealed = "bi1." + index + ".tenc1.different-ciphertext";
        DuplicateException dup = assertThrows(DuplicateException.class,
                () -> pg.inTx(UserRepository.class, users -> users.create(NewUser.of(resealed, "tenc1.x"))));
        assertEquals("email", dup.field());
        assertTrue(pg.inTx(UserRepository.class, users -> users.findByEmail("bi1." + index.replace(index.charAt(0), '_'))).isEmpty()
                || index.chars().allMatch(c -> c == index.charAt(0)));
    }

    @Test
    void aPlaintextEmailStillFollowsTheCaseInsensitiveRule() {
        String local = "mina" + UUID.randomUUID().toString().substring(0, 8);
        User mina = pg.inTx(UserRepository.class, users -> users.create(NewUser.of(local + "@example.com", "Mina")));
        assertEquals(mina.id(), pg.inTx(UserRepository.class, users -> users.findByEmail(local.toUpperCase() + "@EXAMPLE.com"))
                .orElseThrow().id());
        assertEquals("email", assertThrows(DuplicateException.class, () -> pg.inTx(UserRepository.class,
                users -> users.create(NewUser.of(local + "@Example.COM", "Mina again")))).field());
        pg.db.execute("INSERT INTO users (email, name) VALUES (?, 'x'), (?, 'y')", "plain-" + local, "other-" + local);
    }
}

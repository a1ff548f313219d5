package dev.teto.data.postgres.internal.tx;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.spi.StoreTransaction;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.postgres.internal.repo.Sql;
import dev.teto.data.postgres.internal.replica.ReplicaSet;
import dev.teto.data.postgres.internal.security.ActorSigner;
import dev.teto.data.postgres.internal.repo.DirectStatement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Opens the transactions core runs every call in. Per-transaction settings (the actor, read-only, isolation, and
 * the timeouts when the host supplied its own DataSource) go in with {@code SET LOCAL} semantics, so nothing
 * outlives the transaction on a pooled connection (HikariCP does not reset custom settings; see HikariCP#2040).
 *
 * <p>Every transaction carries a signed actor ({@code app.actor}, {@code app.user_id}, {@code app.role},
 * {@code app.actor_sig}): the row-level-security policies (V7) trust only a context whose signature verifies, and
 * {@link Actor#NONE} is signed as the SDK's own service, so it sees every row.
 */
public final class PgTransactionalStore implements TransactionalStore {
    private static final Map<String, Class<?>> SETTING_TYPES = Map.of("label", String.class, "userId", String.class,
            "role", String.class, "sig", String.class);
    /**
     * A select-list column that makes the rest of its transaction use each prepared statement's generic plan,
     * added to the row-locking statements that open write transactions (an answer's lock; an assessment's lock for
     * completion; the users held for a new session or assessment) and to the outbox relay's lock; a batch of answers
     * sends it as a statement of its own before its lock. Under PostgreSQL's {@code plan_cache_mode=auto} the answer
     * upsert was planned afresh on every answer in the viral-peak benchmark (0.15 ms each, more than a third of its
     * cost), as were the relay's pending-rows query (0.7 ms a cycle) and completion's read of the answers. Their
     * generic plans are the custom ones without the constants. Not every transaction: a facade read is a read-write
     * transaction too, and a read's best plan can depend on its values (a range, a page's limit). A row lock cannot
     * run read-only, so a statement carrying this is always in a write. Local to the transaction, so a pooled
     * connection carries nothing over.
     */
    public static final String GENERIC_PLANS = ", set_config('plan_cache_mode', 'force_generic_plan', true) AS p";

    private final Jdbi jdbi;
    private final Map<Class<?>, Function<Sql, Object>> capabilities;
    /** The actor (and per-transaction timeouts and search path, where the session is not ours). */
    private final DirectStatement settingsQuery;
    /** The same, also making the transaction read-only: one round trip instead of a SET TRANSACTION before it. */
    private final DirectStatement readOnlySettingsQuery;
    private final ActorSigner signer;

    /**
     * @param statementTimeout set per transaction when non-null (a host DataSource); null when the connection's
     *                         startup options already carry it
     */
    public PgTransactionalStore(Jdbi jdbi, Map<Class<?>, Function<Sql, Object>> capabilities,
            Duration statementTimeout, Duration lockTimeout, ActorSigner signer) {
        this(jdbi, capabilities, statementTimeout == null ? "" : ", set_config('statement_timeout', '"
                + statementTimeout.toMillis() + "', true) AS s, set_config('lock_timeout', '" + lockTimeout.toMillis()
                + "', true) AS l", signer);
    }

    /**
     * Through PgBouncer in transaction pooling mode: the search path and both timeouts in every transaction, since
     * no session setting survives from one transaction to the next.
     */
    public static PgTransactionalStore sessionless(Jdbi jdbi, Map<Class<?>, Function<Sql, Object>> capabilities,
            String schema, Duration statementTimeout, Duration lockTimeout, ActorSigner signer) {
        return new PgTransactionalStore(jdbi, capabilities,
                ", " + SessionlessTransactions.setLocal(schema, statementTimeout, lockTimeout), signer);
    }

    private PgTransactionalStore(Jdbi jdbi, Map<Class<?>, Function<Sql, Object>> capabilities, String extraSettings,
            ActorSigner signer) {
        this.jdbi = jdbi;
        this.capabilities = capabilities;
        this.signer = signer;
        // One round trip for the actor and, with a host DataSource or PgBouncer, the timeouts.
        String settings = "SELECT set_config('app.actor', :label, true) AS a, set_config('app.user_id', :userId, true) AS u, "
                + "set_config('app.role', :role, true) AS r, set_config('app.actor_sig', :sig, true) AS g" + extraSettings;
        this.settingsQuery = DirectStatement.of(settings, SETTING_TYPES);
        // A transaction may turn read-only at any point (only the reverse must come first), so it can ride along.
        this.readOnlySettingsQuery = DirectStatement.of(settings
                + ", set_config('transaction_read_only', 'on', true) AS o", SETTING_TYPES);
    }

    @Override
    public String name() {
        return SqlErrors.STORE;
    }

    // ---- Read replicas (issue 12): routing only; the rules live in ReplicaSet. ----

    /** Read replicas; set once by the store before it hands this out, null without replicas. */
    private ReplicaSet replicas;

    public void useReplicas(ReplicaSet set) {
        this.replicas = set;
    }

    @Override
    public StoreTransaction begin(TxOptions options, Actor actor) {
        if (replicas == null) {
            return beginOnPrimary(options, actor);
        }
        if (options.readOnly() && options.replicaReads()) {
            StoreTransaction onReplica = replicas.begin(actor.label(), handle -> start(handle, options, actor));
            return onReplica != null ? onReplica : beginOnPrimary(options, actor);
        }
        // Reads inside a write transaction, and read-only ones that did not ask for a replica, stay here.
        return options.readOnly() ? beginOnPrimary(options, actor) : primaryRecordingCommit(options, actor);
    }

    private StoreTransaction primaryRecordingCommit(TxOptions options, Actor actor) {
        Handle handle = open();
        return replicas.recordingCommits(start(handle, options, actor), handle, actor.label());
    }

    // ---- end of read replicas ----

    private StoreTransaction beginOnPrimary(TxOptions options, Actor actor) {
        return start(open(), options, actor);
    }

    private Handle open() {
        try {
            return jdbi.open();
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** BEGIN with the options and the signed actor on {@code handle}; closes it when that fails. */
    private StoreTransaction start(Handle handle, TxOptions options, Actor actor) {
        try {
            handle.begin();
            applySettings(handle, options, actor);
            return new PgTransaction(handle, capabilities, next -> applyActor(handle, next));
        } catch (RuntimeException e) {
            RuntimeException translated = SqlErrors.translate(e);
            try {
                handle.close();
            } catch (RuntimeException closing) {
                translated.addSuppressed(closing);
            }
            throw translated;
        }
    }

    private void applySettings(Handle handle, TxOptions options, Actor actor) {
        boolean isolated = options.isolation() != TxOptions.Isolation.DEFAULT;
        if (isolated) {
            // Must be the transaction's first statement; it sets read-only too.
            handle.execute("SET TRANSACTION " + isolation(options.isolation()) + (options.readOnly() ? " READ ONLY" : " READ WRITE"));
        }
        DirectStatement query = options.readOnly() && !isolated ? readOnlySettingsQuery : settingsQuery;
        applyActor(handle, actor, query);
    }

    private void applyActor(Handle handle, Actor actor) {
        applyActor(handle, actor, settingsQuery);
    }

    /**
     * The signed actor (and, where set per transaction, the timeouts and search path) in one round trip, on plain
     * JDBC: every transaction runs it.
     */
    private void applyActor(Handle handle, Actor actor, DirectStatement query) {
        ActorSigner.Context context = signer.contextFor(actor);
        query.query(handle, name -> switch (name) {
            case "label" -> context.actor();
            case "userId" -> context.userId();
            case "role" -> context.role();
            default -> context.signature();
        }, rs -> rs.next());   // the settings' echo is not read
    }

    private static String isolation(TxOptions.Isolation level) {
        return switch (level) {
            case DEFAULT -> "";
            case READ_COMMITTED -> "ISOLATION LEVEL READ COMMITTED";
            case REPEATABLE_READ -> "ISOLATION LEVEL REPEATABLE READ";
            case SERIALIZABLE -> "ISOLATION LEVEL SERIALIZABLE";
        };
    }
}

package dev.teto.data.benchmarks;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.NewComment;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestMongo;
import org.bson.UuidRepresentation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Community content through the SDK against the raw MongoDB driver doing the same work, in the same run, on the
 * same server: appending comments ({@code addComment}: one atomic {@code $push} with the cap in its filter) and
 * walking a personality type's posts newest first, 20 per page ({@code listByPersonalityType} with the keyset
 * cursor). See {@link RawMongoContent} for the raw side.
 *
 * <p>The server is whatever {@code teto-data-testing} picks: {@code TETO_MONGO_URI}, else the embedded
 * mongo-java-server stand-in, which is not mongod. Against the stand-in only the ratio means something (the SDK's
 * own cost over the driver's); absolute Mongo speed cannot be measured here.
 *
 * <p>Each round gives every variant {@code n} fresh posts (made untimed, through the SDK); the timer covers
 * {@code 5 × n} comment appends, then {@code 20} full walks of the posts' listing. The variants take turns in slices
 * of 20 posts (and walk by walk), starting with the other one each round, so load spikes on a shared machine hit
 * both alike. One warm-up round, then the median of {@code rounds} measured rounds.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:java -Dbenchmark.main=dev.teto.data.benchmarks.ContentBenchmark
 * -Dn=200} (after installing the library modules)
 */
public final class ContentBenchmark {
    static final int COMMENTS_PER_POST = 5;
    static final int LISTING_WALKS = 20;
    static final int PAGE_SIZE = 20;
    /** Posts per turn before the other variant runs. */
    static final int SLICE = 20;

    private ContentBenchmark() {
    }

    /** Median seconds per variant and task. */
    public record Report(RunConfig config, String server, double sdkComments, double rawComments, double sdkListing,
                         double rawListing) {
        public double commentRatio() {
            return sdkComments / rawComments;
        }

        public double listingRatio() {
            return sdkListing / rawListing;
        }
    }

    public static void main(String[] args) {
        RunConfig config = RunConfig.from(args);
        int status = 0;
        try (TestMongo mongo = TestMongo.create("bench_content")) {
            Report report = run(mongo, config, System.out);
            print(report, System.out);
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    public static Report run(TestMongo mongo, RunConfig config, PrintStream progress) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .uuidRepresentation(UuidRepresentation.STANDARD).build();
        try (TetoData data = TetoData.builder().configure(mongo.settings()).build();
                MongoClient client = MongoClients.create(settings)) {
            CommunityPostRepository posts = data.get(CommunityPostRepository.class);
            RawMongoContent raw = new RawMongoContent(client.getDatabase(mongo.database()));
            int total = config.warmupRounds() + config.rounds();
            double[][] measured = new double[4][config.rounds()];
            for (int round = 0; round < total; round++) {
                // Fresh posts per variant, made untimed; then the two variants take turns in small slices, so a
                // burst of load on this shared machine falls on both rather than on whichever ran at that moment.
                List<List<CommunityPost>> fresh = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (int variant = 0; variant < 2; variant++) {
                    String type = "bench" + UUID.randomUUID().toString().substring(0, 8);
                    types.add(type);
                    List<CommunityPost> made = new ArrayList<>();
                    for (int i = 0; i < config.assessments(); i++) {
                        made.add(posts.create(NewCommunityPost.of(UUID.randomUUID(), type, "Post " + i,
                                "Some content for post " + i, List.of("bench"))));
                    }
                    fresh.add(made);
                }
                double[] times = new double[4];
                boolean sdkFirst = round % 2 == 0;
                for (int from = 0; from < config.assessments(); from += SLICE) {
                    int to = Math.min(from + SLICE, config.assessments());
                    for (int turn = 0; turn < 2; turn++) {
                        boolean sdk = (turn == 0) == sdkFirst;
                        List<CommunityPost> slice = fresh.get(sdk ? 0 : 1).subList(from, to);
                        times[sdk ? 0 : 1] += time(() -> comments(posts, raw, slice, sdk));
                    }
                }
                for (int walk = 0; walk < LISTING_WALKS; walk++) {
                    for (int turn = 0; turn < 2; turn++) {
                        boolean sdk = (turn == 0) == sdkFirst;
                        String type = types.get(sdk ? 0 : 1);
                        times[sdk ? 2 : 3] += time(() -> listing(posts, raw, type, sdk, config.assessments()));
                    }
                }
                if (round >= config.warmupRounds()) {
                    for (int k = 0; k < 4; k++) {
                        measured[k][round - config.warmupRounds()] = times[k];
                    }
                }
                progress.printf(Locale.ROOT, "round %d%s: comments sdk %.3fs raw %.3fs, listing sdk %.3fs raw %.3fs%n",
                        round + 1, round < config.warmupRounds() ? " (warm-up)" : "", times[0], times[1], times[2], times[3]);
            }
            return new Report(config, mongo.server().kind(), median(measured[0]), median(measured[1]),
                    median(measured[2]), median(measured[3]));
        }
    }

    private static void comments(CommunityPostRepository posts, RawMongoContent raw, List<CommunityPost> fresh, boolean sdk) {
        for (int c = 0; c < COMMENTS_PER_POST; c++) {
            for (CommunityPost post : fresh) {
                UUID author = UUID.randomUUID();
                if (sdk) {
                    posts.addComment(post.id(), NewComment.of(author, "comment " + c));
                } else {
                    raw.addComment(post.id().value(), author, "comment " + c);
                }
            }
        }
    }

    /** One full walk of the type's listing, page by page. */
    private static void listing(CommunityPostRepository posts, RawMongoContent raw, String type, boolean sdk, int expected) {
        int seen = 0;
        if (sdk) {
            Page<CommunityPost> page = posts.listByPersonalityType(type, PageRequest.first(PAGE_SIZE));
            seen += page.items().size();
            while (page.nextCursor().isPresent()) {
                page = posts.listByPersonalityType(type, PageRequest.first(PAGE_SIZE).after(page.nextCursor().get()));
                seen += page.items().size();
            }
        } else {
            seen = raw.walkListing(type, PAGE_SIZE);
        }
        if (seen != expected) {
            throw new IllegalStateException("listing saw " + seen + " posts, expected " + expected);
        }
    }

    private static double time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static void print(Report r, PrintStream out) {
        int n = r.config().assessments();
        out.printf(Locale.ROOT, "%nContent benchmark, n = %d posts, server: %s%s%n", n, r.server(),
                r.server().equals("embedded") ? " (mongo-java-server stand-in, NOT mongod: only the ratio is meaningful)" : "");
        out.printf(Locale.ROOT, "| task | SDK s | raw driver s | SDK/raw time ratio |%n|---|---|---|---|%n");
        out.printf(Locale.ROOT, "| comment append (%d) | %.3f | %.3f | **%.2f** |%n", n * COMMENTS_PER_POST,
                r.sdkComments(), r.rawComments(), r.commentRatio());
        out.printf(Locale.ROOT, "| post listing (%d walks of %d pages) | %.3f | %.3f | **%.2f** |%n", LISTING_WALKS,
                (n + PAGE_SIZE - 1) / PAGE_SIZE, r.sdkListing(), r.rawListing(), r.listingRatio());
    }
}

package dev.teto.data.mongo.internal.privacy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a document names a user, for documents with no fixed user field: {@code cohort_analytics} entries are
 * aggregates, but a host (or a later version) may keep a list of the users a cohort was computed from. We look for
 * the id as a BSON UUID or as its canonical text, in sub-documents, in arrays of values and in arrays of
 * sub-documents (one level: {@code members: [{user_id: ...}]}), and turn each place into the update that removes it.
 */
final class UserMentions {

    /**
     * One place naming the user.
     *
     * @param path    dotted path of the field or of the array
     * @param match   the value as stored: a UUID or a string; for an array of sub-documents, the whole array
     * @param inArray whether the path is an array the user is an element of (or, with a list match, named in)
     */
    record Mention(String path, Object match, boolean inArray) {

        /** Only the document as it was read: an array of sub-documents is rewritten, not pulled from. */
        Bson filter(Object id) {
            Bson byId = Filters.eq("_id", id);
            return match instanceof List<?> ? Filters.and(byId, Filters.eq(path, match)) : byId;
        }

        /**
         * The single-document update that removes this mention and nothing else. An array of sub-documents is
         * set to itself without the user's elements, under {@link #filter}'s precondition, rather than {@code $pull}
         * with a condition: the test stand-in pulls every sub-document for such a condition, not the matching ones.
         */
        Bson removal(UUID user) {
            if (!inArray) {
                return Updates.unset(path);
            }
            if (match instanceof List<?> list) {
                List<Object> kept = new ArrayList<>();
                for (Object item : list) {
                    if (!(item instanceof Document sub && sub.values().stream().anyMatch(v -> names(v, user)))) {
                        kept.add(item);
                    }
                }
                return Updates.set(path, kept);
            }
            return Updates.pull(path, match);
        }
    }

    private UserMentions() {
    }

    static List<Mention> in(Document document, UUID user) {
        List<Mention> out = new ArrayList<>();
        collect(document, "", user, out);
        return out;
    }

    private static void collect(Map<String, Object> doc, String base, UUID user, List<Mention> out) {
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            String path = base.isEmpty() ? e.getKey() : base + "." + e.getKey();
            Object value = e.getValue();
            if (names(value, user)) {
                if (!path.equals("_id")) {
                    out.add(new Mention(path, value, false));
                }
            } else if (value instanceof Document sub) {
                collect(sub, path, user, out);
            } else if (value instanceof List<?> list) {
                inList(list, path, user, out);
            }
        }
    }

    private static void inList(List<?> list, String path, UUID user, List<Mention> out) {
        boolean inSubDocument = false;
        for (Object item : list) {
            if (names(item, user)) {
                out.add(new Mention(path, item, true));
            } else if (item instanceof Document sub && sub.values().stream().anyMatch(v -> names(v, user))) {
                inSubDocument = true;
            }
        }
        if (inSubDocument) {
            out.add(new Mention(path, list, true));
        }
    }

    private static boolean names(Object value, UUID user) {
        return user.equals(value) || (value instanceof String s && s.equalsIgnoreCase(user.toString()));
    }
}

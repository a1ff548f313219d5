package dev.teto.data.api.paging;

import dev.teto.data.api.error.ValidationException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in one listing, for every store: PostgreSQL keyset values, a MongoDB {@code (created_at, _id)} pair
 * or an Elasticsearch {@code search_after} array. Hosts see it only as the opaque string of {@link #encode()}.
 *
 * <p>It names the listing it belongs to (the sort and the filter it was issued for), so a cursor passed to another
 * listing is refused instead of silently returning the wrong page, and it carries its direction, so one
 * {@link PageRequest#after(String)} serves both the next and the previous page.
 *
 * @param listing   which listing and filter issued it; compared, never parsed
 * @param direction which way the page it asks for lies from {@code keys}
 * @param keys      the sort key values of the boundary row, nulls allowed; String, Long, Integer, Double,
 *                  BigDecimal, Boolean, Instant or UUID
 */
public record Cursor(String listing, Direction direction, List<Object> keys) {
    private static final String VERSION = "c1";
    private static final char SEP = '\u001f';

    public enum Direction {
        /** The rows after the boundary, in the listing's order. */
        FORWARD,
        /** The rows before the boundary, still returned in the listing's order. */
        BACKWARD
    }

    public Cursor {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(direction, "direction");
        keys = Collections.unmodifiableList(new ArrayList<>(keys));
        for (Object key : keys) {
            if (key != null && tag(key) == 0) {
                throw new IllegalArgumentException("unsupported cursor key type " + key.getClass().getName());
            }
        }
    }

    public String encode() {
        StringBuilder raw = new StringBuilder(VERSION).append(SEP).append(listing).append(SEP)
                .append(direction == Direction.FORWARD ? 'F' : 'B');
        for (Object key : keys) {
            raw.append(SEP);
            if (key == null) {
                raw.append('n');
            } else {
                raw.append(tag(key)).append(text(key));
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor and checks that {@code listing} issued it.
     *
     * @return null for a null cursor (the first page)
     * @throws ValidationException naming {@code cursor} when it is malformed or belongs to another listing
     */
    public static Cursor decode(String encoded, String listing) {
        if (encoded == null) {
            return null;
        }
        Cursor cursor;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = raw.split(String.valueOf(SEP), -1);
            if (parts.length < 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("version");
            }
            Direction direction = switch (parts[2]) {
                case "F" -> Direction.FORWARD;
                case "B" -> Direction.BACKWARD;
                default -> throw new IllegalArgumentException("direction");
            };
            List<Object> keys = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                keys.add(parse(parts[i]));
            }
            cursor = new Cursor(parts[1], direction, keys);
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", null, "is not a cursor this library issued");
        }
        if (!cursor.listing.equals(listing)) {
            throw new ValidationException("cursor", null, "belongs to another listing; start again without a cursor");
        }
        return cursor;
    }

    public Cursor reversed() {
        return new Cursor(listing, direction == Direction.FORWARD ? Direction.BACKWARD : Direction.FORWARD, keys);
    }

    private static char tag(Object key) {
        if (key instanceof String) {
            return 's';
        } else if (key instanceof Long) {
            return 'l';
        } else if (key instanceof Integer) {
            return 'i';
        } else if (key instanceof Double) {
            return 'd';
        } else if (key instanceof BigDecimal) {
            return 'm';
        } else if (key instanceof Boolean) {
            return 'b';
        } else if (key instanceof Instant) {
            return 't';
        } else if (key instanceof UUID) {
            return 'u';
        }
        return 0;
    }

    private static String text(Object key) {
        if (key instanceof String s) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        } else if (key instanceof Instant t) {
            return t.getEpochSecond() + "." + t.getNano();
        }
        return String.valueOf(key);
    }

    private static Object parse(String part) {
        char tag = part.charAt(0);
        String v = part.substring(1);
        return switch (tag) {
            case 'n' -> null;
            case 's' -> new String(Base64.getUrlDecoder().decode(v), StandardCharsets.UTF_8);
            case 'l' -> Long.parseLong(v);
            case 'i' -> Integer.parseInt(v);
            case 'd' -> Double.parseDouble(v);
            case 'm' -> new BigDecimal(v);
            case 'b' -> Boolean.parseBoolean(v);
            case 't' -> {
                int dot = v.indexOf('.');
                yield Instant.ofEpochSecond(Long.parseLong(v.substring(0, dot)), Long.parseLong(v.substring(dot + 1)));
            }
            case 'u' -> UUID.fromString(v);
            default -> throw new IllegalArgumentException("tag");
        };
    }
}

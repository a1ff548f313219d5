package dev.teto.data.redis.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the ISO-8601 instants {@link Instant#toString()} writes ({@code 2026-11-26T02:39:40.123456Z}) without a
 * {@code DateTimeFormatter}: every cached session carries three, and the formatter's parse was a tenth of a request
 * thread's time. Anything else (another offset, a year past 9999) goes to {@link Instant#parse}.
 */
final class IsoInstants {
    private IsoInstants() {
    }

    static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length == 21) {
                return Instant.parse(text);
            }
            int fraction = digits(text, 20, length - 1);
            int places = length - 21;
            if (fraction < 0) {
                return Instant.parse(text);
            }
            nanos = fraction;
            for (int i = places; i < 9; i++) {
                nanos *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return Instant.parse(text);
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59
                || hour < 0 || minute < 0 || second < 0) {
            return Instant.parse(text);   // it throws as it should, or reads a form this one does not
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Instant.parse(text);   // February 30 and the like: its error, as callers expect
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The non-negative number in {@code [from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

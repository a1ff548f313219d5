package dev.teto.data.api.search;

/** A value and how many events carry it, e.g. {@code ("mobile", 120)} for {@code device.type}. */
public record TermCount(String value, long count) {
}

package dev.teto.data.api.spi;

/**
 * What one store removed for an erasure.
 *
 * @param detail a short PII-free note, e.g. the policy applied to posts others replied to
 */
public record StoreErasure(long removed, long anonymised, String detail) {
}

package dev.teto.data.api.spi;

import dev.teto.data.api.event.DomainEvent;

import java.time.Instant;

/**
 * An event a consumer gave up on: kept with the error, listed and replayed by an operator.
 *
 * @param group    the consumer group (processor or handler) that failed on it
 * @param error    the last failure's exception class and message, shortened; never a bound value or a secret
 * @param attempts how often it was tried
 */
public record DeadLetter(DomainEvent event, String group, String error, int attempts, Instant failedAt) {
}

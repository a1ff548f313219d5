/** Domain events, written to the outbox with the change they describe, and the port that delivers them. */
package dev.teto.data.api.event;

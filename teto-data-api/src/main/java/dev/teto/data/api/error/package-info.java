/**
 * Typed exceptions. Adapters translate driver errors into these; a raw driver exception never reaches the caller.
 */
package dev.teto.data.api.error;

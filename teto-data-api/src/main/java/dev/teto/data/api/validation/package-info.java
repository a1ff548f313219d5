/**
 * Validation shared by every adapter: the rules ({@link dev.teto.data.api.validation.Check}) and the allowed
 * values of role and status columns ({@link dev.teto.data.api.validation.Vocabulary}).
 */
package dev.teto.data.api.validation;

/**
 * Privacy: the data-subject rights (export and erasure across every configured store), the master keys that wrap
 * each user's data key, and the receipts an erasure leaves. See {@code docs/privacy.md} for what is encrypted and why.
 */
package dev.teto.data.api.privacy;

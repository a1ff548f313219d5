/**
 * User-generated content and flexible analytics, kept in a document store (MongoDB, module
 * {@code teto-data-mongo}): feedback, community posts with embedded comments, personality insights, behavioral
 * patterns and cohort analytics. Records validate themselves ({@code validate()} or their constructors) with the
 * limits in {@link dev.teto.data.api.content.ContentLimits}; repositories are one per collection.
 */
package dev.teto.data.api.content;

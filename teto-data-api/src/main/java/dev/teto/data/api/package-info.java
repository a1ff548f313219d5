/**
 * The teto-data API: {@link dev.teto.data.api.TetoData} and its builder, store options, paging. Framework-free and
 * driver-free: records live in {@code model}, repository interfaces in {@code repository}, exceptions in
 * {@code error}, shared validation in {@code validation}; adapters plug in through {@code spi}.
 */
package dev.teto.data.api;

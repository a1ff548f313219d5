/**
 * Service-provider interfaces: how an adapter module plugs a store in ({@link dev.teto.data.api.spi.StoreProvider},
 * {@link dev.teto.data.api.spi.CapabilityRegistry}) and the ports core drives (transactions, the outbox, the
 * assessment store). Host code does not use this package.
 */
package dev.teto.data.api.spi;

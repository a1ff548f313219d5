/** Service-provider interfaces the adapter modules implement. Host code does not use this package. */
package dev.teto.data.api.spi;

package dev.teto.data.core.fake;

import dev.teto.data.api.spi.StoreOptions;

public record TransportOptions() implements StoreOptions {
}

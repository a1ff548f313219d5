/** Rate limits per user and per IP address, per endpoint: {@link dev.teto.data.api.ratelimit.RateLimiter}. */
package dev.teto.data.api.ratelimit;

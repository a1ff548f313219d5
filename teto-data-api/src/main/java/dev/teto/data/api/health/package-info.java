/** Health of the configured stores and of core's own moving parts, for readiness probes and dashboards. */
package dev.teto.data.api.health;

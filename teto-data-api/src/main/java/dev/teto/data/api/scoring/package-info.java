/** The scoring hook: the host's model turns answers into a profile at completion. */
package dev.teto.data.api.scoring;

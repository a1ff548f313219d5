/** The facade's capability groups and the lookup they are built on. */
package dev.teto.data.api.capability;

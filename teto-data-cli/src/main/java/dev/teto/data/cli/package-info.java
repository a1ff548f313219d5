/** The operator's command line over {@code TetoData}: {@code TetoCli} is the entry point. */
package dev.teto.data.cli;

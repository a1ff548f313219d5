/** Who a call acts for ({@link dev.teto.data.api.context.Actor}) and what a transaction offers ({@link dev.teto.data.api.context.TxContext}). */
package dev.teto.data.api.context;

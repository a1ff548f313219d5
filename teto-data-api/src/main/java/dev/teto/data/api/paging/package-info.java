/** Keyset paging shared by every store: {@link dev.teto.data.api.paging.PageRequest}, {@link dev.teto.data.api.paging.Page} and the opaque {@link dev.teto.data.api.paging.Cursor}. */
package dev.teto.data.api.paging;

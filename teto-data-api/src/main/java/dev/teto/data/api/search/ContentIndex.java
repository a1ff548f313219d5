package dev.teto.data.api.search;

/** SPI: {@code content_search}, written by core's content projection from the change feed. */
public interface ContentIndex extends ProjectionIndex<ContentDocument> {
}

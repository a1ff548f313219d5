package dev.teto.data.api.search;

/** SPI: {@code user_search}, written by core's user projection. */
public interface UserIndex extends ProjectionIndex<UserDocument> {
}

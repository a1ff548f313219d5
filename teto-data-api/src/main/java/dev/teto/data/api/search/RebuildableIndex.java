package dev.teto.data.api.search;

/** SPI: an index behind an alias that core can rebuild ({@link SearchAdmin#reindex}). */
public interface RebuildableIndex<D> {

    SearchIndex index();

    /** Creates the next versioned index with the seed's mapping and starts the dual writes. */
    IndexRebuild<D> startRebuild();

    /** Documents in the index now (after a refresh). */
    long count();
}

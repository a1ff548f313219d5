package dev.teto.data.api.search;

/**
 * One document of a bulk request that was not written.
 *
 * @param id     the document's id (an event id, a user id, a content id)
 * @param status the HTTP status Elasticsearch gave the item (400 for a document its mapping refuses)
 * @param type   Elasticsearch's error type, e.g. {@code mapper_parsing_exception}; never a document value
 */
public record ItemFailure(String id, int status, String type) {
}

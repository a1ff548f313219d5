/** Changes of document stores (MongoDB) as a resumable feed, for projections such as the search index. */
package dev.teto.data.api.feed;

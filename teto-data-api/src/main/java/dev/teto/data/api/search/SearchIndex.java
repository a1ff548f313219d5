package dev.teto.data.api.search;

/** The seed's three indexes; each is an alias ({@code user_search}) over a versioned index ({@code user_search_v1}). */
public enum SearchIndex {
    USER_SEARCH("user_search"),
    CONTENT_SEARCH("content_search"),
    ANALYTICS_EVENTS("analytics_events");

    private final String alias;

    SearchIndex(String alias) {
        this.alias = alias;
    }

    /** The alias name, without the configured prefix. */
    public String alias() {
        return alias;
    }
}

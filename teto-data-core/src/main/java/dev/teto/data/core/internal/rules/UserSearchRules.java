package dev.teto.data.core.internal.rules;

import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserQuery;
import dev.teto.data.api.search.UserSearch;
import dev.teto.data.core.internal.privacy.SearchTokens;

/**
 * User search over keyed word tokens: the query's name and email are hashed as the documents were. Results carry no
 * name or email (the index has only tokens); load the user for those.
 */
public final class UserSearchRules implements UserSearch {
    private final UserSearch store;
    private final SearchTokens tokens;

    public UserSearchRules(UserSearch store, SearchTokens tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    @Override
    public Page<UserDocument> find(UserQuery query, PageRequest page) {
        UserQuery hashed = new UserQuery(tokens.name(query.name()), tokens.email(query.email()), query.personalityType(),
                query.subscriptionStatus(), query.organizationId());
        Page<UserDocument> found = store.find(hashed, page);
        if (!tokens.hashing()) {
            return found;
        }
        return found.map(d -> new UserDocument(d.userId(), null, null, d.personalityType(), d.createdAt(), d.lastActive(),
                d.subscriptionStatus(), d.organizationId()));
    }
}

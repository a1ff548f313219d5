package dev.teto.data.api.content;

import java.time.Instant;
import java.util.UUID;

/** A comment embedded in a post. {@code id} is ours (the seed's comments have none): it names the comment to delete. */
public record Comment(ContentId id, UUID userId, String content, Instant createdAt) {
}

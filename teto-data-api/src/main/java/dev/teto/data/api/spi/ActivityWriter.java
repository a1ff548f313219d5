package dev.teto.data.api.spi;

import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.UserActivity;

import java.util.List;

/** Transactional: appends activities in one statement and returns the stored rows, so core can publish them. */
public interface ActivityWriter {
    List<UserActivity> insertAll(List<NewUserActivity> activities);
}

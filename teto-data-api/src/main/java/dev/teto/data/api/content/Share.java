package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

/**
 * One entry of a demographic breakdown: an age range, a country or an occupation type and its share in percent.
 * Stored under the seed's field name for its list ({@code range}, {@code country}, {@code type}).
 */
public record Share(String label, double percentage) {

    public Share validate() {
        Check.requiredText("label", label, ContentLimits.NAME_MAX);
        ContentChecks.between("percentage", percentage, 0, 100);
        return this;
    }
}

package dev.teto.data.api.content;

import dev.teto.data.api.error.ValidationException;

import java.util.List;

/** The seed's {@code demographic_breakdown}; each list may be null (empty) and holds at most {@link ContentLimits#BREAKDOWN_MAX}. */
public record DemographicBreakdown(List<Share> ageGroups, List<Share> locations, List<Share> occupations) {
    public static final DemographicBreakdown NONE = new DemographicBreakdown(List.of(), List.of(), List.of());

    public DemographicBreakdown validate() {
        shares("ageGroups", ageGroups);
        shares("locations", locations);
        shares("occupations", occupations);
        return this;
    }

    private static void shares(String field, List<Share> shares) {
        ContentChecks.size(field, shares, ContentLimits.BREAKDOWN_MAX);
        if (shares != null) {
            for (int i = 0; i < shares.size(); i++) {
                try {
                    shares.get(i).validate();
                } catch (ValidationException e) {
                    throw e.within(field + "[" + i + "]");
                }
            }
        }
    }
}

package dev.teto.data.api.search;

import dev.teto.data.api.error.ValidationException;

/** A WGS-84 point, as {@code analytics_events.location} (a {@code geo_point}) holds it. */
public record GeoPoint(double lat, double lon) {

    public GeoPoint {
        if (!(lat >= -90 && lat <= 90)) {
            throw new ValidationException("lat", lat, "must be between -90 and 90");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new ValidationException("lon", lon, "must be between -180 and 180");
        }
    }
}

package dev.teto.data.api.search;

import dev.teto.data.api.validation.Check;

/** {@code analytics_events.device}: each part optional, e.g. {@code mobile}, {@code iOS}, {@code Safari}. */
public record Device(String type, String os, String browser) {

    public Device validate() {
        Check.maxLength("device.type", type, 100);
        Check.maxLength("device.os", os, 100);
        Check.maxLength("device.browser", browser, 100);
        return this;
    }
}

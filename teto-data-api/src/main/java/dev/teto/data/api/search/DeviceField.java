package dev.teto.data.api.search;

/** A part of {@code analytics_events.device} to rank by. */
public enum DeviceField {
    TYPE("device.type"),
    OS("device.os"),
    BROWSER("device.browser");

    private final String path;

    DeviceField(String path) {
        this.path = path;
    }

    /** The field's path in the index. */
    public String path() {
        return path;
    }
}

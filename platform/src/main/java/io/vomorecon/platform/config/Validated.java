package io.vomorecon.platform.config;

/** A configuration record that checks itself after loading; throws {@link ConfigException} naming the key. */
public interface Validated {
    void validate();
}

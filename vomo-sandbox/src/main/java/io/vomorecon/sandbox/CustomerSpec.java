package io.vomorecon.sandbox;

import io.vomorecon.platform.config.ConfigException;
import java.util.regex.Pattern;

/** One sandbox customer: its slug (the customer id everywhere) and its number of users. */
public record CustomerSpec(String slug, int users) {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,40}$");

    public CustomerSpec {
        ConfigException.check(slug != null && SLUG.matcher(slug).matches(), "customers",
                "customer id '" + slug + "' is not a slug", "use lower-case letters, digits and '-' (e.g. acme, globex-1)");
        ConfigException.check(users >= 10, "customers", "customer " + slug + " has " + users + " users",
                "give every customer at least 10 users");
    }
}

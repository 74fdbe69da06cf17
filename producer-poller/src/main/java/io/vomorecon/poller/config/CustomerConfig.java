package io.vomorecon.poller.config;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.RunKind;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One customer of {@code customers.yaml}: where its VOMO is, which organisation it is, where its
 * token lives (an environment variable or a secret file: the token itself is never in the file),
 * how big it is, what share of its request budget reconciliation may take, and its cadences.
 */
public record CustomerConfig(
        String id,
        String baseUrl,
        String organizationId,
        Optional<String> tokenEnv,
        Optional<String> tokenFile,
        Long size,
        Double requestBudget,
        Double throttleShare,
        String timeZone,
        Boolean enabled,
        Map<String, Map<String, String>> cadences) {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    public CustomerConfig {
        tokenEnv = tokenEnv == null ? Optional.empty() : tokenEnv;
        tokenFile = tokenFile == null ? Optional.empty() : tokenFile;
        size = size == null ? 0L : size;
        requestBudget = requestBudget == null ? 10.0 : requestBudget;
        throttleShare = throttleShare == null ? 0.5 : throttleShare;
        timeZone = timeZone == null ? "UTC" : timeZone;
        enabled = enabled == null ? Boolean.TRUE : enabled;
        cadences = cadences == null ? Map.of() : Map.copyOf(cadences);
    }

    /** The requests per second reconciliation may make with this customer's token. */
    public double reconRate() {
        return requestBudget * throttleShare;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Checks every field; {@code at} is the key of this entry, e.g. {@code customers[2]}. */
    void validate(String at) {
        ConfigException.require(id, at + ".id", "give the customer's slug (its VOMO organisation slug), e.g. acme");
        ConfigException.check(SLUG.matcher(id).matches(), at + ".id", "'" + id + "' is not a slug",
                "use lower-case letters, digits and '-', starting with a letter or digit");
        ConfigException.require(baseUrl, at + ".base-url", "give the VOMO API base URL, e.g. https://api.vomo.org/v1");
        try {
            URI u = URI.create(baseUrl);
            ConfigException.check(("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null,
                    at + ".base-url", "is not an http(s) URL", "write e.g. https://api.vomo.org/v1");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + ".base-url", "is not a URL", "write e.g. https://api.vomo.org/v1");
        }
        ConfigException.require(organizationId, at + ".organization-id",
                "give the customer's VOMO organisation id (the sandbox prints it at start-up)");
        ConfigException.check(tokenEnv.isPresent() != tokenFile.isPresent(), at + ".token-env",
                tokenEnv.isPresent() ? "and token-file are both set" : "and token-file are both missing",
                "name exactly one: token-env (an environment variable) or token-file (a secret file); never put the token itself here");
        ConfigException.check(size >= 0, at + ".size", "is negative", "give the customer's number of users");
        ConfigException.check(requestBudget > 0, at + ".request-budget", "must be positive",
                "give the requests per second VOMO allows this customer's token");
        ConfigException.check(throttleShare > 0 && throttleShare <= 1, at + ".throttle-share", "must be in (0, 1]",
                "give the share of the budget reconciliation may use, e.g. 0.3");
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new ConfigException(at + ".time-zone", "'" + timeZone + "' is not a time zone", "use an IANA name such as Europe/Berlin");
        }
        cadences.forEach((resource, kinds) -> {
            String rk = at + ".cadences." + resource;
            Optional<Resource> r = Resource.fromPath(resource);
            ConfigException.check(r.isPresent(), rk, "is not a resource", "use one of users, projects, project-dates, "
                    + "participations, groups, group-members, campaigns, forms, form-completions, certificates");
            ConfigException.check(kinds != null, rk, "is empty", "give kind: cadence pairs, e.g. full: weekly");
            kinds.forEach((kind, cadence) -> {
                String kk = rk + "." + kind;
                Optional<RunKind> k = RunPlan.kindFromConfigName(kind);
                ConfigException.check(k.isPresent() && RunPlan.supports(r.get(), k.get()), kk,
                        "is not a run kind of " + resource, "use one of " + RunPlan.kindsFor(r.get()).stream()
                                .map(RunPlan::configName).toList());
                ConfigException.check(Cadence.parse(cadence).isPresent(), kk, "'" + cadence + "' is not a cadence",
                        "write daily, weekly, monthly, off, or a whole number of days such as 3d");
            });
        });
    }
}

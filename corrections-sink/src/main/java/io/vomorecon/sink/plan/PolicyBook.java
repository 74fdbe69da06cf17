package io.vomorecon.sink.plan;

import io.vomorecon.sink.config.CustomerPolicy;
import io.vomorecon.sink.config.PolicySettings;
import io.vomorecon.sink.config.SinkConfig;
import java.util.Map;

/**
 * Resolves the policy of a customer and resource from the configured layers: resource
 * overrides over customer overrides over defaults. Never guesses: every resolved value comes
 * from a layer, the bottom one being the built-in defaults.
 */
public final class PolicyBook {

    private final PolicySettings defaults;
    private final Map<String, CustomerPolicy> customers;

    public PolicyBook(PolicySettings defaults, Map<String, CustomerPolicy> customers) {
        this.defaults = defaults;
        this.customers = Map.copyOf(customers);
    }

    public static PolicyBook from(SinkConfig config) {
        return new PolicyBook(config.effectiveDefaults(), config.customers());
    }

    public Policy policyFor(String customer, String resource) {
        PolicySettings s = defaults;
        CustomerPolicy cp = customers.get(customer);
        if (cp != null) {
            s = cp.settings().over(s);
            PolicySettings r = cp.resources().get(resource);
            if (r != null) {
                s = r.over(s);
            }
        }
        return new Policy(
                s.mode().orElse(Policy.DEFAULT.mode()),
                s.autoFixDrift().orElse(Policy.DEFAULT.autoFixDrift()),
                s.hardDelete().orElse(Policy.DEFAULT.hardDelete()));
    }
}

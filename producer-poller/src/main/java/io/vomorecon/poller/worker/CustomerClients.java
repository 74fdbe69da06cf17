package io.vomorecon.poller.worker;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.throttle.Throttles;
import io.vomorecon.poller.vomo.Sleeper;
import io.vomorecon.poller.vomo.VomoClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link VomoClient} per configured customer, built at start-up: every token reference is
 * resolved then (a missing variable or file is a {@link ConfigException} naming the key), and
 * every client of a customer shares that customer's throttle.
 */
public final class CustomerClients {

    private final Map<String, VomoClient> clients = new LinkedHashMap<>();
    private final Map<String, CustomerConfig> customers = new LinkedHashMap<>();

    public CustomerClients(PollerConfig config, Map<String, String> env, Clock clock, Sleeper sleeper) {
        HttpClient http = VomoClient.httpClient(config.http());
        Throttles throttles = new Throttles(clock, config.http().maxRateLimitedWait());
        List<CustomerConfig> all = config.customers();
        for (int i = 0; i < all.size(); i++) {
            CustomerConfig c = all.get(i);
            Secret token = Secret.token(c, "customers[" + i + "]", env);
            clients.put(c.id(), new VomoClient(c.id(), c.baseUrl(), token, throttles.forCustomer(c.id(), c.reconRate()), http,
                    config.http(), clock, sleeper));
            customers.put(c.id(), c);
        }
    }

    public Optional<VomoClient> client(String customer) {
        return Optional.ofNullable(clients.get(customer));
    }

    public Optional<CustomerConfig> customer(String customer) {
        return Optional.ofNullable(customers.get(customer));
    }
}

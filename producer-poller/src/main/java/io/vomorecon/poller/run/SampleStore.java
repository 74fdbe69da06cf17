package io.vomorecon.poller.run;

import io.vomorecon.schemas.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest reservoir sample of ids per customer and resource, drawn by the last complete FULL
 * run on this instance. In memory only: an AUDIT_SAMPLE run that finds none draws its own sample
 * with a list scan (and says so), so losing this store on restart costs requests, never coverage.
 */
public final class SampleStore {

    private final Map<String, List<String>> samples = new ConcurrentHashMap<>();

    public void put(String customer, Resource resource, List<String> ids) {
        samples.put(customer + "/" + resource.path(), List.copyOf(ids));
    }

    public Optional<List<String>> get(String customer, Resource resource) {
        return Optional.ofNullable(samples.get(customer + "/" + resource.path()));
    }
}

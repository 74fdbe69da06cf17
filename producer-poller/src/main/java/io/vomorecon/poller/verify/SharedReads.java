package io.vomorecon.poller.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.poller.vomo.ParallelReads;
import io.vomorecon.poller.vomo.RequestCounter;
import io.vomorecon.poller.vomo.VomoCallFailed;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.poller.vomo.VomoResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The VOMO reads of one batch of verifications, shared: the same GET (or list scan) of the same
 * customer is sent once, and its answer, or its failure, serves every candidate of the batch that
 * needs it (thirty participations of one deleted date read that date once). Safe for candidates
 * verified concurrently: one that needs a read another has already started waits for it instead of
 * sending it again. A shared failure is a deferral for each of them, as its own read would have been.
 * A scan keeps its whole list until the batch ends: the lists read this way (forms, certificate
 * definitions, one group's members) are small.
 *
 * <p>A scan's pages after the first may be requested ahead ({@link VomoClient#scan(String,
 * RequestCounter, VomoClient.PageHandler, ParallelReads)}), through a pool of this batch's own, so
 * candidate threads never wait on their own pool: a group's member list of 29 pages is then not
 * 29 round trips one after another.
 *
 * <p>It must never outlive its batch: VOMO changes, and a later batch must read it again. After
 * {@link #close()} it refuses every read.
 */
public final class SharedReads implements AutoCloseable {

    private final Map<ReadKey, CompletableFuture<Object>> reads = new ConcurrentHashMap<>();
    /** The pages read ahead, or null to read every list one page after another. */
    private final ParallelReads pages;
    private final RequestCounter counter = new RequestCounter();
    private final AtomicLong shared = new AtomicLong();
    private volatile boolean closed;

    private enum Kind { GET, SCAN }

    /** Reads every list one page after another. */
    public SharedReads() {
        this(1);
    }

    /** Reads a list's pages after the first up to {@code pagesInFlight} at once (1: one after another). */
    public SharedReads(int pagesInFlight) {
        this.pages = pagesInFlight > 1 ? new ParallelReads(pagesInFlight, "verifier batch") : null;
    }

    private record ReadKey(String customer, Kind kind, String path) {
    }

    @FunctionalInterface
    private interface Read {
        Object call() throws VomoCallFailed;
    }

    /** {@link VomoClient#get}, once per customer and path in this batch. */
    public VomoResponse get(VomoClient client, String path) throws VomoCallFailed {
        return (VomoResponse) read(new ReadKey(client.customer(), Kind.GET, path), () -> client.get(path, counter));
    }

    /** Every record of every page of a list ({@link VomoClient#scan}), once per customer and path in this batch. */
    @SuppressWarnings("unchecked")
    public List<JsonNode> scan(VomoClient client, String path) throws VomoCallFailed {
        return (List<JsonNode>) read(new ReadKey(client.customer(), Kind.SCAN, path), () -> {
            List<JsonNode> all = new ArrayList<>();
            client.scan(path, counter, (records, page) -> all.addAll(records), pages);
            return List.copyOf(all);
        });
    }

    private Object read(ReadKey key, Read read) throws VomoCallFailed {
        if (closed) {
            throw new IllegalStateException("the shared reads of a finished batch were asked for " + key.path());
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> earlier = reads.putIfAbsent(key, mine);
        if (earlier == null) {
            try {
                Object answer = read.call();
                mine.complete(answer);
                return answer;
            } catch (VomoCallFailed | RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
        }
        shared.incrementAndGet();
        try {
            return earlier.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VomoCallFailed(key.path(), "interrupted while waiting for the batch's shared read", OptionalInt.empty());
        } catch (ExecutionException e) {
            throw VomoCallFailed.rethrow(e);
        }
    }

    /** HTTP requests this batch sent (retries and 429s included). */
    public long requestsSent() {
        return counter.requests();
    }

    /** Reads answered from an earlier read of this batch instead of being sent again. */
    public long sharedReads() {
        return shared.get();
    }

    @Override
    public void close() {
        closed = true;
        reads.clear();
        if (pages != null) {
            pages.close();
        }
    }
}

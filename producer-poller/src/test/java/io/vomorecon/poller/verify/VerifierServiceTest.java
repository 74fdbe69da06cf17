package io.vomorecon.poller.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.config.SchedulerSettings;
import io.vomorecon.poller.kafka.DeadLetters;
import io.vomorecon.poller.vomo.Sleeper;
import io.vomorecon.poller.worker.CustomerClients;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.schemas.values.Verification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One poll batch through {@link VerifierService#handleBatch}: a MockConsumer for the offsets, a MockProducer for what
 * was published, a JDK HttpServer as VOMO. A failed candidate holds back its own partition from itself on, and only it.
 */
class VerifierServiceTest {

    private static final String PREFIX = "t.";
    private static final Topic<Finding> CANDIDATES = Topics.RECON_DELETIONS.in(PREFIX);
    private static final Topic<SnapshotEvent> SNAPSHOTS = Topics.VOMO_SNAPSHOTS.in(PREFIX);
    private static final TopicPartition P0 = new TopicPartition(CANDIDATES.name(), 0);
    private static final TopicPartition P1 = new TopicPartition(CANDIDATES.name(), 1);
    private static final TopicPartition P2 = new TopicPartition(CANDIDATES.name(), 2);

    private HttpServer server;
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CyclicBarrier barrier;
    private MockConsumer<byte[], byte[]> consumer;
    private VerifierService service;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/", this::answer);
        server.start();
        consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(P0, P1, P2));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, P2, 0L));
    }

    /** Every path answers 404 unless told otherwise; with a barrier, requests are held until that many are in flight. */
    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        int status = statuses.getOrDefault(path, 404);
        try {
            CyclicBarrier b = barrier;
            if (b != null) {
                b.await(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            status = 500;
        }
        inFlight.decrementAndGet();
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        server.stop(0);
    }

    private VerifierService service(MockProducer<byte[], byte[]> producer, int concurrency) {
        HttpSettings http = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(5),
                Duration.ofMillis(20), Duration.ofSeconds(5), concurrency);
        CustomerConfig acme = new CustomerConfig("acme", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "9001",
                Optional.of("TOKEN_ACME"), Optional.empty(), 10L, 1000.0, 1.0, "UTC", true, Map.of());
        PollerConfig config = new PollerConfig("localhost:1", Optional.of(PREFIX), Optional.empty(), 1, 20, Duration.ofMillis(1), true,
                http, SchedulerSettings.defaults(), Optional.empty(), List.of(acme));
        config.validate();
        CustomerClients clients = new CustomerClients(config, Map.of("TOKEN_ACME", "t"), Clock.systemUTC(), Sleeper.REAL);
        service = new VerifierService(config.bootstrapServers(), PREFIX, clients, new DeletionVerifier(Clock.systemUTC()), producer,
                new DeadLetters(producer, PREFIX, Clock.systemUTC()), config.verifierRetryDelay(), http.concurrency());
        return service;
    }

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void candidate(TopicPartition tp, long offset, String key) {
        Finding f = new Finding(Topics.SCHEMA_VERSION, ContentHash.stableId(key, "DELETION"), FindingKind.DELETION,
                FindingStatus.CANDIDATE, Optional.empty(), key.split("/")[0], key.split("/")[1], key, "r-1", RunKind.FULL, Instant.now(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of(),
                Optional.empty());
        ProducerRecord<byte[], byte[]> raw = CANDIDATES.rawRecord(key, f);
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, raw.key(), raw.value()));
    }

    private void garbage(TopicPartition tp, long offset, String key) {
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, key.getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8)));
    }

    private void handleOnePoll() {
        service.handleBatch(consumer, consumer.poll(Duration.ZERO));
    }

    private static List<String> keysSentTo(MockProducer<byte[], byte[]> producer, String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .toList();
    }

    private Map<TopicPartition, Long> committed() {
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        consumer.committed(Set.of(P0, P1, P2)).forEach((tp, o) -> {
            if (o != null) {
                out.put(tp, o.offset());
            }
        });
        return out;
    }

    @ParameterizedTest(name = "VOMO answers {0}")
    @ValueSource(ints = {401, 503})
    void aFailedReadHoldsBackItsPartitionFromItselfOnAndOnlyIt(int failure) {
        MockProducer<byte[], byte[]> producer = producer();
        service(producer, 4);
        statuses.put("/v1/users/2", failure);
        candidate(P0, 0, "acme/users/1");
        candidate(P0, 1, "acme/users/2");
        candidate(P0, 2, "acme/users/3");
        garbage(P0, 3, "bad-p0");
        candidate(P1, 0, "acme/users/4");
        garbage(P1, 1, "bad-p1");
        candidate(P1, 2, "acme/users/5");
        candidate(P2, 0, "acme/participations/77/1");
        candidate(P2, 1, "acme/participations/77/2");
        candidate(P2, 2, "acme/participations/77/3");
        candidate(P2, 3, "zeta/users/6");

        handleOnePoll();

        assertThat(committed()).isEqualTo(Map.of(P0, 1L, P1, 3L, P2, 4L));
        assertThat(consumer.position(P0)).as("sought back to the failed candidate").isEqualTo(1L);
        List<String> verdicts = keysSentTo(producer, SNAPSHOTS.name());
        assertThat(verdicts).containsExactlyInAnyOrder("acme/users/1", "acme/users/4", "acme/users/5", "acme/participations/77/1",
                "acme/participations/77/2", "acme/participations/77/3");
        assertThat(verdicts.indexOf("acme/users/4")).isLessThan(verdicts.indexOf("acme/users/5"));
        assertThat(keysSentTo(producer, Topics.RECON_DLQ.in(PREFIX).name()))
                .as("bad records of the failed partition after the failure are left for the retry")
                .containsExactlyInAnyOrder("bad-p1", "zeta/users/6");
        assertThat(hits.get("/v1/projects/date/77").get()).as("three participations of one date: one read").isEqualTo(1);

        // The retry: VOMO answers now; the partition goes on from the failed candidate and nothing is skipped.
        statuses.remove("/v1/users/2");
        candidate(P0, 1, "acme/users/2");
        candidate(P0, 2, "acme/users/3");
        garbage(P0, 3, "bad-p0");
        handleOnePoll();

        assertThat(committed()).isEqualTo(Map.of(P0, 4L, P1, 3L, P2, 4L));
        assertThat(keysSentTo(producer, SNAPSHOTS.name())).endsWith("acme/users/2", "acme/users/3");
        assertThat(keysSentTo(producer, Topics.RECON_DLQ.in(PREFIX).name())).endsWith("bad-p0");
        assertThat(producer.history().stream().filter(r -> r.topic().equals(SNAPSHOTS.name())).map(r -> SNAPSHOTS.valueSerde()
                .decode(r.value())).map(v -> ((Verification) v).verdict())).containsOnly(Verdict.DELETED);
    }

    @Test
    void aVerdictTheBrokerRefusesIsRetriedFromItself() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback callback) {
                Future<RecordMetadata> sent = super.send(r, callback);
                if (r.topic().equals(SNAPSHOTS.name()) && new String(r.key(), StandardCharsets.UTF_8).equals("acme/users/2")) {
                    return CompletableFuture.failedFuture(new KafkaException("refused"));
                }
                return sent;
            }
        };
        service(producer, 4);
        candidate(P0, 0, "acme/users/1");
        candidate(P0, 1, "acme/users/2");
        candidate(P0, 2, "acme/users/3");
        candidate(P1, 0, "acme/users/4");

        handleOnePoll();

        assertThat(committed()).isEqualTo(Map.of(P0, 1L, P1, 1L));
        assertThat(consumer.position(P0)).isEqualTo(1L);
        assertThat(producer.flushed()).isTrue();
        // users/3 went out in the same flush: its verdict comes again with the retry, which the reconciler ignores.
        assertThat(keysSentTo(producer, SNAPSHOTS.name())).containsExactlyInAnyOrder("acme/users/1", "acme/users/2", "acme/users/3",
                "acme/users/4");
    }

    @Test
    void aBatchKeepsHttpConcurrencyRequestsInFlightAndPublishesInRecordOrder() {
        MockProducer<byte[], byte[]> producer = producer();
        service(producer, 3);
        barrier = new CyclicBarrier(3);
        for (int i = 0; i < 9; i++) {
            candidate(P0, i, "acme/users/" + (i + 1));
        }

        handleOnePoll();

        assertThat(maxInFlight.get()).as("requests in flight at once").isEqualTo(3);
        assertThat(keysSentTo(producer, SNAPSHOTS.name())).containsExactly("acme/users/1", "acme/users/2", "acme/users/3",
                "acme/users/4", "acme/users/5", "acme/users/6", "acme/users/7", "acme/users/8", "acme/users/9");
        assertThat(committed()).isEqualTo(Map.of(P0, 9L));
    }
}

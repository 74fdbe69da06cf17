package io.vomorecon.reconciler.bench;

import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.Snapshot;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a planted dataset to the three inputs the way the readers do: partner ledger and
 * destination rows first, then the run's snapshots, a flush, then the markers on every partition.
 */
public final class DatasetPublisher {

    private DatasetPublisher() {
    }

    public static void publish(String bootstrap, String prefix, PlantedDataset d, boolean withMarkers) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
            for (PartnerState s : d.partner()) {
                p.send(Topics.PARTNER_STATE.in(prefix).rawRecord(s.key(), s));
            }
            for (ExternalRow e : d.external()) {
                p.send(Topics.EXTERNAL_STATE.in(prefix).rawRecord(e.key(), e));
            }
            for (Snapshot s : d.snapshots()) {
                p.send(Topics.VOMO_SNAPSHOTS.in(prefix).rawRecord(s.key(), s));
            }
            p.flush();
            if (withMarkers) {
                publishMarkers(p, prefix, d);
            }
        }
    }

    /**
     * Publishes the data set of {@link PlantedDataset#keyRows} for keys 0..n-1 without holding it:
     * three passes (ledger, destination, snapshots), each generating the rows again, so a data set
     * of millions of keys needs no heap. No markers.
     */
    public static void publishGenerated(String bootstrap, String prefix, String customer, String runId, int n) {
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
            for (int i = 0; i < n; i++) {
                PlantedDataset.keyRows(customer, runId, i).partner()
                        .ifPresent(s -> p.send(Topics.PARTNER_STATE.in(prefix).rawRecord(s.key(), s)));
            }
            for (int i = 0; i < n; i++) {
                PlantedDataset.keyRows(customer, runId, i).external()
                        .ifPresent(e -> p.send(Topics.EXTERNAL_STATE.in(prefix).rawRecord(e.key(), e)));
            }
            for (int i = 0; i < n; i++) {
                PlantedDataset.keyRows(customer, runId, i).snapshot()
                        .ifPresent(s -> p.send(Topics.VOMO_SNAPSHOTS.in(prefix).rawRecord(s.key(), s)));
            }
            p.flush();
        }
    }

    public static void publishMarkers(String bootstrap, String prefix, List<RunCompleted> markers) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
            for (RunCompleted m : markers) {
                p.send(Topics.VOMO_SNAPSHOTS.in(prefix).rawRecord(m.partition(), PlantedDataset.markerKey(m), m)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    public static void publishMarkers(String bootstrap, String prefix, PlantedDataset d) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
            publishMarkers(p, prefix, d);
        }
    }

    private static void publishMarkers(KafkaProducer<byte[], byte[]> p, String prefix, PlantedDataset d) throws Exception {
        for (RunCompleted m : d.markers()) {
            p.send(Topics.VOMO_SNAPSHOTS.in(prefix).rawRecord(m.partition(), PlantedDataset.markerKey(m), m)).get(30, TimeUnit.SECONDS);
        }
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request in flight: right after topic creation a partition may answer NOT_LEADER to the first batch
        // while later ones are accepted, which an idempotent producer then cannot order (OutOfOrderSequence).
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}

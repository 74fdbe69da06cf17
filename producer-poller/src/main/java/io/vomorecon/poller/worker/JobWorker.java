package io.vomorecon.poller.worker;

import io.vomorecon.poller.lifecycle.StopSignal;
import io.vomorecon.poller.kafka.DeadLetters;
import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.poller.run.RunOutcome;
import io.vomorecon.poller.run.RunPublisher;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.ContractViolation;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller worker: a member of the workers' consumer group on recon.jobs that performs one job
 * at a time and commits the job's offset only after its runs were published. A worker that dies
 * mid-run leaves the job uncommitted, so another worker runs it again under a new run id; the
 * dead run never gets a marker (its open transaction is aborted), so it never looks complete.
 * Capacity grows by adding workers (threads here, or instances).
 */
public final class JobWorker implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);

    private final String bootstrap;
    private final String groupId;
    private final String transactionalId;
    private final Topic<Job> jobs;
    private final Function<KafkaProducer<byte[], byte[]>, RunExecutor> executors;
    private final DeadLetters deadLetters;
    private final Duration retryDelay;
    private final StopSignal stop = new StopSignal();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** The worker's thread while it performs a job: only then does a shutdown interrupt it (to cut the scan short). */
    private volatile Thread inJob;

    public JobWorker(String bootstrap, String topicPrefix, String transactionalId,
                     Function<KafkaProducer<byte[], byte[]>, RunExecutor> executors, DeadLetters deadLetters, Duration retryDelay) {
        this.bootstrap = bootstrap;
        this.groupId = topicPrefix + "vomo-recon-poller-workers";
        this.transactionalId = transactionalId;
        this.jobs = Topics.RECON_JOBS.in(topicPrefix);
        this.executors = executors;
        this.deadLetters = deadLetters;
        this.retryDelay = retryDelay;
    }

    @Override
    public void run() {
        KafkaProducer<byte[], byte[]> producer = KafkaClients.transactional(bootstrap, transactionalId);
        RunExecutor executor = executors.apply(producer);
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(bootstrap, groupId, 1, (int) Duration.ofHours(6).toMillis())) {
            consumer = c;
            c.subscribe(List.of(jobs.name()));
            while (stop.running()) {
                for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
                    Job job;
                    try {
                        job = jobs.value(rec);
                    } catch (ContractViolation e) {
                        deadLetters.send("poller-worker", rec, e.reason(), e);
                        c.commitSync(Map.of(tp, new OffsetAndMetadata(rec.offset() + 1)));
                        continue;
                    }
                    try {
                        Resource resource = Resource.require(job.resource());
                        if (executor.customer(job.customer()).isEmpty()) {
                            throw new IllegalArgumentException("job for customer '" + job.customer() + "', who is not in customers.yaml");
                        }
                        LOG.info("job {} ({} {} {}, slot {}) taken by {}", job.jobId(), job.customer(), job.resource(), job.runKind(),
                                job.scheduledFor(), transactionalId);
                        List<RunOutcome> outcomes = List.of();
                        inJob = Thread.currentThread();
                        try {
                            if (stop.running()) {
                                outcomes = executor.execute(job.customer(), resource, job.runKind(), job.window());
                            }
                        } finally {
                            inJob = null;
                            Thread.interrupted(); // a shutdown's interrupt was for the run, not for closing the clients
                        }
                        // A job whose runs all completed is done even if a shutdown came meanwhile; one cut short runs again.
                        if (!stop.running() && (outcomes.isEmpty() || outcomes.stream().anyMatch(o -> !o.completed()))) {
                            LOG.info("job {} was cut short by shutdown; left uncommitted so that it runs again", job.jobId());
                            break;
                        }
                        c.commitSync(Map.of(tp, new OffsetAndMetadata(rec.offset() + 1)));
                    } catch (IllegalArgumentException e) {
                        deadLetters.send("poller-worker", rec, e.getMessage(), e);
                        c.commitSync(Map.of(tp, new OffsetAndMetadata(rec.offset() + 1)));
                    } catch (RunPublisher.PublishFailed e) {
                        LOG.error("job {}: publishing failed ({}); it will run again in {} s", job.jobId(), e.getMessage(),
                                retryDelay.toSeconds());
                        if (e.fatal()) {
                            producer.close(Duration.ofSeconds(5));
                            producer = freshProducer();
                            if (producer == null) {
                                break;
                            }
                            executor = executors.apply(producer);
                        }
                        c.seek(tp, rec.offset());
                        stop.pause(retryDelay);
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            if (stop.running()) {
                throw e;
            }
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            LOG.info("worker {} stopped", transactionalId);
        }
    }

    /**
     * A new transactional producer for the same id; its {@code initTransactions()} fences the old one
     * and ends a transaction it left open. Tried again after the retry delay while the broker does not
     * answer, so that a coordinator stall does not end the worker; null only when the worker stops.
     */
    private KafkaProducer<byte[], byte[]> freshProducer() {
        while (stop.running()) {
            try {
                return KafkaClients.transactional(bootstrap, transactionalId);
            } catch (KafkaException e) {
                LOG.warn("worker {}: could not start a new producer ({}); trying again in {} s", transactionalId,
                        e.getClass().getSimpleName(), retryDelay.toSeconds());
                stop.pause(retryDelay);
            }
        }
        return null;
    }


    @Override
    public void close() {
        stop.stop();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = inJob;
        if (t != null) {
            t.interrupt();
        }
    }
}

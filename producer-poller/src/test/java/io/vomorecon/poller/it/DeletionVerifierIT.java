package io.vomorecon.poller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.poller.kafka.DeadLetters;
import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.poller.verify.DeletionVerifier;
import io.vomorecon.poller.verify.VerifierService;
import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.truth.TruthEntry;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.schemas.values.Verification;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithKafka;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/** Every verdict of the verifier, each from the matching sandbox situation, through recon.deletions and vomo.snapshots. */
@WithKafka
class DeletionVerifierIT {

    @Test
    void everyVerdictComesFromItsSandboxSituation(EmbeddedKafka kafka) throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.of(11, new CustomerSpec("acme", 200)));
             PollerFixture fx = new PollerFixture(kafka.bootstrapServers(), TestNames.uniquePrefix(), sandbox, 100, 0.5);
             KafkaProducer<byte[], byte[]> producer = KafkaClients.idempotent(kafka.bootstrapServers())) {
            Map<String, Verdict> expected = new LinkedHashMap<>();
            expected.put(inject(sandbox, TruthClass.HARD_DELETE, "/users/"), Verdict.DELETED);
            expected.put(inject(sandbox, TruthClass.PERMISSION_NARROWED, "/users/"), Verdict.PERMISSION_NARROWED);
            expected.put(inject(sandbox, TruthClass.SCOPE_CHANGE, "/users/"), Verdict.SCOPE_CHANGE);
            expected.put(inject(sandbox, TruthClass.SOFT_DELETE, "/users/"), Verdict.SOFT_DELETED);
            expected.put(inject(sandbox, TruthClass.ANONYMIZED, "/users/"), Verdict.ANONYMIZED);
            expected.put(inject(sandbox, TruthClass.MEMBER_REMOVED, "/group-members/"), Verdict.DELETED);
            expected.put(inject(sandbox, TruthClass.MEMBER_DEACTIVATED, "/group-members/"), Verdict.SOFT_DELETED);
            // Nested resources: each read through its parent (project date, form), and "parent gone -> child DELETED".
            String deletedDate = inject(sandbox, TruthClass.DATE_DELETED, "/project-dates/");
            expected.put(deletedDate, Verdict.DELETED);                                        // GET /projects/date/{id}: 404
            String dateId = RecordKey.parse(deletedDate).idPath().get(1);
            expected.put(truthKey(sandbox, TruthClass.HARD_DELETE, "participation gone with date " + dateId)
                    .orElseGet(() -> RecordKey.of("acme", Resource.PARTICIPATIONS, dateId, "1").encode()), Verdict.DELETED); // parent 404
            expected.put(userGoneWith(sandbox, "participation removed with user"), Verdict.DELETED);  // date there, participant not
            expected.put(userGoneWith(sandbox, "completion removed with user"), Verdict.DELETED);     // GET /forms/{f}/completions/{c}: 404
            expected.put(RecordKey.of("acme", Resource.GROUP_MEMBERS, "999999998", "1").encode(), Verdict.DELETED);  // group 404
            expected.put(RecordKey.of("acme", Resource.FORM_COMPLETIONS, "999999997", "1").encode(), Verdict.DELETED); // form 404
            CustomerWorld w = sandbox.world().require("acme");
            expected.put(w.read(() -> w.datesInIdOrder().stream().filter(d -> !d.isDeleted() && !d.participants.isEmpty())
                    .map(d -> RecordKey.of("acme", Resource.PARTICIPATIONS, Long.toString(d.id),
                            Long.toString(d.participants.get(0).userId)).encode()).findFirst().orElseThrow()), Verdict.FILTER_MISMATCH);
            expected.put(w.read(() -> w.datesInIdOrder().stream().filter(d -> !d.isDeleted())
                    .map(d -> RecordKey.of("acme", Resource.PROJECT_DATES, Long.toString(d.projectId), Long.toString(d.id)).encode())
                    .findFirst().orElseThrow()), Verdict.FILTER_MISMATCH);
            expected.put(w.read(() -> w.formIndex().view().stream().flatMap(f -> f.completions.values().stream())
                    .map(c -> RecordKey.of("acme", Resource.FORM_COMPLETIONS, Long.toString(c.formId), Long.toString(c.id)).encode())
                    .findFirst().orElseThrow()), Verdict.FILTER_MISMATCH);
            String untouched = w.read(() -> RecordKey.of("acme", Resource.USERS, String.valueOf(w.userIndex().get(0).id())).encode());
            expected.put(untouched, Verdict.FILTER_MISMATCH);
            expected.put(RecordKey.of("acme", Resource.USERS, "999999999").encode(), Verdict.DELETED);

            for (String key : expected.keySet()) {
                FindingKind kind = key.contains("/99999999") ? FindingKind.ORPHAN_EXTERNAL : FindingKind.DELETION;
                Finding f = new Finding(Topics.SCHEMA_VERSION, ContentHash.stableId(key, kind.name()), kind, FindingStatus.CANDIDATE,
                        Optional.empty(), "acme", RecordKey.parse(key).resource(), key, "r-acme-x-full-1-0000", RunKind.FULL,
                        Instant.now(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        List.of(), Map.of(), Optional.empty());
                producer.send(Topics.RECON_DELETIONS.in(fx.prefix).rawRecord(key, f)).get();
            }
            // An OPEN finding is not a candidate: the verifier must leave it alone.
            producer.send(Topics.RECON_DELETIONS.in(fx.prefix).rawRecord(untouched, new Finding(Topics.SCHEMA_VERSION, "open-1",
                    FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.DELETED), "acme", "users", untouched, "r", RunKind.FULL,
                    Instant.now(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    Map.of(), Optional.empty()))).get();

            VerifierService service = new VerifierService(fx.bootstrap, fx.prefix, fx.clients, new DeletionVerifier(Clock.systemUTC()),
                    producer, new DeadLetters(producer, fx.prefix, Clock.systemUTC()), Duration.ofMillis(200),
                    fx.config.http().concurrency());
            Thread t = new Thread(service, "verifier-it");
            t.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> verifications(fx).size() >= expected.size());
            } finally {
                service.close();
                t.join(10_000);
            }
            Map<String, Verification> byKey = verifications(fx);
            assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((key, verdict) -> {
                Verification v = byKey.get(key);
                assertThat(v.verdict()).as(key + ": " + v.evidence()).isEqualTo(verdict);
                assertThat(v.findingId()).isNotEqualTo("open-1");
                assertThat(v.candidateRunId()).isEqualTo("r-acme-x-full-1-0000");
                assertThat(v.evidence()).doesNotContain("@mail").isNotBlank();
            });
            assertThat(fx.all().stream().filter(s -> s.value() instanceof Verification).count())
                    .as("one verdict per candidate, none for the OPEN finding").isEqualTo(expected.size());
        }
    }

    private static String inject(Sandbox sandbox, TruthClass kind, String resourcePart) {
        for (int i = 0; i < 20; i++) {
            Optional<TruthEntry> e = sandbox.mutations().inject("acme", kind);
            if (e.isPresent() && e.get().key().contains(resourcePart)) {
                return e.get().key();
            }
        }
        throw new IllegalStateException("sandbox could not inject " + kind);
    }

    /** The key of a truth entry of a kind whose detail starts with {@code detail}, if the sandbox recorded one. */
    private static Optional<String> truthKey(Sandbox sandbox, TruthClass kind, String detail) {
        return sandbox.truth().where(e -> e.customer().equals("acme") && e.kind() == kind && e.detail().startsWith(detail)).stream()
                .map(TruthEntry::key).findFirst();
    }

    /** A child key that went with a hard-deleted user (its participations, completions): hard-deletes users until one had such. */
    private static String userGoneWith(Sandbox sandbox, String detail) {
        for (int i = 0; i < 40; i++) {
            Optional<String> k = truthKey(sandbox, TruthClass.HARD_DELETE, detail);
            if (k.isPresent()) {
                return k.get();
            }
            sandbox.mutations().inject("acme", TruthClass.HARD_DELETE);
        }
        throw new IllegalStateException("no hard-deleted user of the sandbox had a '" + detail + "' child");
    }

    private static Map<String, Verification> verifications(PollerFixture fx) {
        return fx.all().stream().filter(s -> s.value() instanceof Verification).map(s -> (Verification) s.value())
                .collect(Collectors.toMap(Verification::key, v -> v, (a, b) -> b));
    }
}

package io.vomorecon.sandbox.mutation;

import io.vomorecon.sandbox.MutationRates;
import io.vomorecon.sandbox.SimClock;
import io.vomorecon.sandbox.truth.GroundTruth;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.truth.TruthEntry;
import io.vomorecon.sandbox.world.Campaign;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.Form;
import io.vomorecon.sandbox.world.FormCompletion;
import io.vomorecon.sandbox.world.Group;
import io.vomorecon.sandbox.world.GroupMember;
import io.vomorecon.sandbox.world.Participation;
import io.vomorecon.sandbox.world.Project;
import io.vomorecon.sandbox.world.ProjectDate;
import io.vomorecon.sandbox.world.RecordFactory;
import io.vomorecon.sandbox.world.SandboxWorld;
import io.vomorecon.sandbox.world.User;
import io.vomorecon.sandbox.world.WorldGenerator;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays VOMO's changes forward on the simulated clock. Each change happens at its own simulated
 * second: the clock is moved there first and the record stamped with it, so an {@code updated_at}
 * never lies behind what a client has already seen. Every change is recorded in the ground
 * truth (one entry per key it affected). Deterministic: one seeded random per customer, changes
 * applied in (time, customer, kind) order. It must never record personal data in a detail.
 */
public final class MutationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(MutationEngine.class);
    private static final long DAY = 86_400;
    private static final long STEP = 3_600;

    /** Starts the 429 storms due for a customer in a simulated period (the fault injector decides how many). */
    @FunctionalInterface
    public interface StormStarter {
        void due(String customer, double days);
    }

    private static final Map<TruthClass, ToDoubleFunction<MutationRates>> RATES = new EnumMap<>(TruthClass.class);

    static {
        RATES.put(TruthClass.CREATE, MutationRates::userCreates);
        RATES.put(TruthClass.UPDATE, r -> r.userUpdates() + r.projectUpdates() + r.campaignUpdates());
        RATES.put(TruthClass.HARD_DELETE, r -> r.userHardDeletes() + r.campaignDeletes());
        RATES.put(TruthClass.SOFT_DELETE, MutationRates::userSoftDeletes);
        RATES.put(TruthClass.SCOPE_CHANGE, MutationRates::userMoves);
        RATES.put(TruthClass.PERMISSION_NARROWED, MutationRates::userPermissionLosses);
        RATES.put(TruthClass.ANONYMIZED, MutationRates::userAnonymizations);
        RATES.put(TruthClass.SILENT_CHANGE, MutationRates::userSilentChanges);
        RATES.put(TruthClass.DATE_ADDED, MutationRates::datesAdded);
        RATES.put(TruthClass.DATE_DELETED, MutationRates::datesDeleted);
        RATES.put(TruthClass.DATE_RESCHEDULED, MutationRates::datesRescheduled);
        RATES.put(TruthClass.PARTICIPATION_ADDED, MutationRates::participationsAdded);
        RATES.put(TruthClass.PARTICIPATION_CANCELLED, MutationRates::participationsCancelled);
        RATES.put(TruthClass.MEMBER_ADDED, MutationRates::membersAdded);
        RATES.put(TruthClass.MEMBER_DEACTIVATED, MutationRates::membersDeactivated);
        RATES.put(TruthClass.MEMBER_REMOVED, MutationRates::membersRemoved);
        RATES.put(TruthClass.PARENT_CHANGED, MutationRates::groupParentChanges);
        RATES.put(TruthClass.COMPLETION_ADDED, MutationRates::completionsAdded);
        RATES.put(TruthClass.COMPLETION_EDITED, MutationRates::completionsEdited);
    }

    private final SandboxWorld world;
    private final SimClock clock;
    private final GroundTruth truth;
    private final RecordFactory factory;
    private final StormStarter storms;
    private final Map<String, Random> randoms = new java.util.HashMap<>();
    private volatile MutationRates rates;

    public MutationEngine(SandboxWorld world, SimClock clock, GroundTruth truth, MutationRates rates, long seed, StormStarter storms) {
        this.world = world;
        this.clock = clock;
        this.truth = truth;
        this.factory = world.factory();
        this.rates = rates;
        this.storms = storms;
        for (CustomerWorld w : world.customers()) {
            randoms.put(w.slug(), WorldGenerator.randomFor(seed, w.ordinal(), 2));
        }
    }

    public void rates(MutationRates newRates) {
        this.rates = newRates;
    }

    public MutationRates rates() {
        return rates;
    }

    private record Planned(long at, int customer, TruthClass kind, int seq) {
    }

    /** Moves the clock forward by {@code by}, applying every change due on the way, hour by hour. */
    public synchronized void advance(Duration by) {
        long end = clock.epochSecond() + by.getSeconds();
        int applied = 0;
        while (clock.epochSecond() < end) {
            long from = clock.epochSecond();
            long to = Math.min(end, from + STEP);
            double days = (to - from) / (double) DAY;
            List<Planned> plan = new ArrayList<>();
            for (CustomerWorld w : world.customers()) {
                Random r = randoms.get(w.slug());
                double scale = w.read(w::userCount) / 1000.0 * days;
                int seq = 0;
                for (var e : RATES.entrySet()) {
                    double expected = e.getValue().applyAsDouble(rates) * scale;
                    int n = (int) expected;
                    if (r.nextDouble() < expected - n) {
                        n++;
                    }
                    for (int i = 0; i < n; i++) {
                        plan.add(new Planned(from + 1 + (long) (r.nextDouble() * (to - from - 1)), w.ordinal(), e.getKey(), seq++));
                    }
                }
            }
            plan.sort(Comparator.comparingLong(Planned::at).thenComparingInt(Planned::customer)
                    .thenComparing(Planned::kind).thenComparingInt(Planned::seq));
            List<CustomerWorld> customers = world.customers();
            for (Planned p : plan) {
                clock.moveTo(p.at());
                if (apply(customers.get(p.customer()), p.kind()).isPresent()) {
                    applied++;
                }
            }
            for (CustomerWorld w : customers) {
                storms.due(w.slug(), days);
            }
            clock.moveTo(to);
        }
        LOG.info("simulated time advanced by {} to {}: {} change(s) applied", by, clock.instant(), applied);
    }

    /**
     * Injects one change of a kind now (the clock first moves one second): for tests that need a
     * specific class. Empty when the customer has no record the change could apply to.
     */
    public synchronized Optional<TruthEntry> inject(String customer, TruthClass kind) {
        clock.advance(Duration.ofSeconds(1));
        return apply(world.require(customer), kind);
    }

    private Optional<TruthEntry> apply(CustomerWorld w, TruthClass kind) {
        Random r = randoms.get(w.slug());
        long now = clock.epochSecond();
        return w.writeAndGet(() -> switch (kind) {
            case CREATE -> create(w, r, now);
            case UPDATE -> update(w, r, now);
            case HARD_DELETE -> hardDelete(w, r, now);
            case SOFT_DELETE -> userChange(w, r, now, kind, true, u -> u.membershipStatus = "inactive", "membership_status inactive");
            case SCOPE_CHANGE -> userChange(w, r, now, kind, true, u -> u.organizationId = w.sister().id(),
                    "moved to organisation " + w.sister().id());
            case PERMISSION_NARROWED -> userChange(w, r, now, kind, false, u -> u.forbidden = true, "403 for the customer's token");
            case ANONYMIZED -> userChange(w, r, now, kind, true, u -> u.anonymized = true, "identity scrubbed");
            case SILENT_CHANGE -> userChange(w, r, now, kind, false, u -> u.phone = factory.phone(r), "phone changed, updated_at kept");
            case DATE_ADDED -> dateAdded(w, r, now);
            case DATE_DELETED -> dateDeleted(w, r, now);
            case DATE_RESCHEDULED -> dateRescheduled(w, r, now);
            case PARTICIPATION_ADDED -> participationAdded(w, r, now);
            case PARTICIPATION_CANCELLED -> participationCancelled(w, r);
            case MEMBER_ADDED -> memberAdded(w, r, now);
            case MEMBER_DEACTIVATED -> memberDeactivated(w, r, now);
            case MEMBER_REMOVED -> memberRemoved(w, r);
            case PARENT_CHANGED -> parentChanged(w, r, now);
            case COMPLETION_ADDED -> completionAdded(w, r, now);
            case COMPLETION_EDITED -> completionEdited(w, r, now);
            default -> throw new IllegalArgumentException(kind + " is not a mutation");
        });
    }

    // ---- users ----

    private Optional<User> randomUser(CustomerWorld w, Random r) {
        int n = w.userIndex().size();
        return n == 0 ? Optional.empty() : Optional.of(w.userIndex().get(r.nextInt(n)));
    }

    private Optional<TruthEntry> create(CustomerWorld w, Random r, long now) {
        User u = factory.newUser(r, w, now);
        u.membershipStatus = r.nextInt(4) == 0 ? "invited" : "active";
        w.addUser(u);
        return Optional.of(record(w, userKey(w, u.id()), TruthClass.CREATE, "new user"));
    }

    private Optional<TruthEntry> update(CustomerWorld w, Random r, long now) {
        int pick = r.nextInt(20);
        if (pick == 0 && w.campaignIndex().size() > 0) {
            Campaign c = w.campaignIndex().get(r.nextInt(w.campaignIndex().size()));
            w.changeCampaign(c, now, x -> x.name = x.name + " " + factory.word(r));
            return Optional.of(record(w, RecordKey.of(w.slug(), Resource.CAMPAIGNS, Long.toString(c.id())).encode(),
                    TruthClass.UPDATE, "campaign_name changed"));
        }
        if (pick < 4 && w.projectIndex().size() > 0) {
            Project p = w.projectIndex().get(r.nextInt(w.projectIndex().size()));
            boolean rename = r.nextBoolean();
            w.changeProject(p, now, x -> {
                if (rename) {
                    x.name = x.name + " " + factory.word(r);
                } else {
                    x.description = "Updated: " + factory.word(r) + " " + factory.word(r);
                }
            });
            return Optional.of(record(w, RecordKey.of(w.slug(), Resource.PROJECTS, Long.toString(p.id())).encode(),
                    TruthClass.UPDATE, rename ? "name changed" : "description changed"));
        }
        Optional<User> target = randomUser(w, r);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        User u = target.get();
        String field;
        switch (r.nextInt(5)) {
            case 0 -> {
                field = "last_name";
                w.changeUser(u, now, x -> x.lastName = factory.lastName(r));
            }
            case 1 -> {
                field = "phone";
                w.changeUser(u, now, x -> x.phone = factory.phone(r));
            }
            case 2 -> {
                field = "email";
                w.changeUser(u, now, x -> x.email = RecordFactory.emailFor(x.firstName, x.lastName, x.id(), "mail.example.org"));
            }
            case 3 -> {
                field = "membership_role";
                w.changeUser(u, now, x -> x.membershipRole = "volunteer".equals(x.membershipRole) ? "coordinator" : "volunteer");
            }
            default -> {
                field = "address";
                w.changeUser(u, now, x -> x.address = factory.address(r));
            }
        }
        return Optional.of(record(w, userKey(w, u.id()), TruthClass.UPDATE, field + " changed"));
    }

    private Optional<TruthEntry> userChange(CustomerWorld w, Random r, long now, TruthClass kind, boolean bump,
                                            java.util.function.Consumer<User> change, String detail) {
        Optional<User> target = randomUser(w, r);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        w.changeUser(target.get(), bump ? now : 0, change);
        return Optional.of(record(w, userKey(w, target.get().id()), kind, detail));
    }

    private Optional<TruthEntry> hardDelete(CustomerWorld w, Random r, long now) {
        if (r.nextInt(10) == 0 && w.campaignIndex().size() > 0) {
            Campaign c = w.campaignIndex().get(r.nextInt(w.campaignIndex().size()));
            w.removeCampaign(c);
            return Optional.of(record(w, RecordKey.of(w.slug(), Resource.CAMPAIGNS, Long.toString(c.id())).encode(),
                    TruthClass.HARD_DELETE, "campaign deleted"));
        }
        Optional<User> target = randomUser(w, r);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        User u = target.get();
        String uid = Long.toString(u.id());
        TruthEntry main = record(w, userKey(w, u.id()), TruthClass.HARD_DELETE, "user removed from the organisation with its history");
        for (Participation p : w.participationsOf(u.id())) {
            w.removeParticipation(p);
            record(w, participationKey(w, p), TruthClass.HARD_DELETE, "participation removed with user " + uid);
        }
        for (Group g : groupsInIdOrder(w)) {
            if (g.members.remove(u.id()) != null) {
                record(w, RecordKey.of(w.slug(), Resource.GROUP_MEMBERS, Long.toString(g.id()), uid).encode(),
                        TruthClass.HARD_DELETE, "membership removed with user " + uid);
            }
        }
        for (Form f : formsInIdOrder(w)) {
            List<FormCompletion> gone = f.completions.values().stream().filter(c -> c.userId == u.id()).toList();
            for (FormCompletion c : gone) {
                f.completions.remove(c.id);
                record(w, completionKey(w, c), TruthClass.HARD_DELETE, "completion removed with user " + uid);
            }
        }
        w.removeUser(u);
        return Optional.of(main);
    }

    // ---- project dates and participations ----

    private Optional<Project> randomProject(CustomerWorld w, Random r) {
        int n = w.projectIndex().size();
        return n == 0 ? Optional.empty() : Optional.of(w.projectIndex().get(r.nextInt(n)));
    }

    private Optional<ProjectDate> randomDate(CustomerWorld w, Random r, java.util.function.Predicate<ProjectDate> ok) {
        for (int tries = 0; tries < 20; tries++) {
            Optional<Project> p = randomProject(w, r);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            List<ProjectDate> candidates = p.get().dates.stream().filter(d -> !d.isDeleted()).filter(ok).toList();
            if (!candidates.isEmpty()) {
                return Optional.of(candidates.get(r.nextInt(candidates.size())));
            }
        }
        return Optional.empty();
    }

    private Optional<TruthEntry> dateAdded(CustomerWorld w, Random r, long now) {
        Optional<Project> p = randomProject(w, r);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        long startsAt = now + (1 + r.nextInt(30)) * DAY;
        startsAt -= Math.floorMod(startsAt, 3600);
        ProjectDate d = factory.newDate(p.get(), startsAt, now);
        w.addDate(p.get(), d);
        return Optional.of(record(w, dateKey(w, d), TruthClass.DATE_ADDED, "new date of project " + d.projectId));
    }

    private Optional<TruthEntry> dateDeleted(CustomerWorld w, Random r, long now) {
        Optional<ProjectDate> target = randomDate(w, r, d -> true);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        ProjectDate d = target.get();
        d.status = "deleted";
        d.updatedAt = now;
        TruthEntry main = record(w, dateKey(w, d), TruthClass.DATE_DELETED, "status deleted (404 by id)");
        for (Participation p : List.copyOf(d.participants)) {
            w.removeParticipation(p);
            record(w, participationKey(w, p), TruthClass.HARD_DELETE, "participation gone with date " + d.id);
        }
        return Optional.of(main);
    }

    private Optional<TruthEntry> dateRescheduled(CustomerWorld w, Random r, long now) {
        Optional<ProjectDate> target = randomDate(w, r, d -> "scheduled".equals(d.status) && d.startsAt > now + DAY);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        ProjectDate d = target.get();
        long shift = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(3)) * DAY / 2;
        d.startsAt += shift;
        d.endsAt += shift;
        d.updatedAt = now;
        return Optional.of(record(w, dateKey(w, d), TruthClass.DATE_RESCHEDULED, "moved by " + shift / 3600 + " h"));
    }

    private Optional<TruthEntry> participationAdded(CustomerWorld w, Random r, long now) {
        Optional<ProjectDate> target = randomDate(w, r, d -> "scheduled".equals(d.status));
        Optional<User> user = randomUser(w, r);
        if (target.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        ProjectDate d = target.get();
        long uid = user.get().id();
        if (d.participants.stream().anyMatch(p -> p.userId == uid)) {
            return Optional.empty();
        }
        Participation p = factory.newParticipation(r, d, uid, now, now);
        w.addParticipation(d, p);
        return Optional.of(record(w, participationKey(w, p), TruthClass.PARTICIPATION_ADDED,
                "user's and project's updated_at not bumped"));
    }

    private Optional<TruthEntry> participationCancelled(CustomerWorld w, Random r) {
        Optional<ProjectDate> target = randomDate(w, r, d -> d.participants.stream().anyMatch(p -> "signed_up".equals(p.status)));
        if (target.isEmpty()) {
            return Optional.empty();
        }
        List<Participation> open = target.get().participants.stream().filter(p -> "signed_up".equals(p.status)).toList();
        Participation p = open.get(r.nextInt(open.size()));
        p.status = "cancelled";
        return Optional.of(record(w, participationKey(w, p), TruthClass.PARTICIPATION_CANCELLED, "status cancelled"));
    }

    // ---- groups ----

    private static List<Group> groupsInIdOrder(CustomerWorld w) {
        List<Group> out = new ArrayList<>(w.groupIndex().view());
        out.sort(Comparator.comparingLong(Group::id));
        return out;
    }

    private static List<Form> formsInIdOrder(CustomerWorld w) {
        List<Form> out = new ArrayList<>(w.formIndex().view());
        out.sort(Comparator.comparingLong(Form::id));
        return out;
    }

    private Optional<Group> randomGroup(CustomerWorld w, Random r) {
        int n = w.groupIndex().size();
        return n == 0 ? Optional.empty() : Optional.of(w.groupIndex().get(r.nextInt(n)));
    }

    private Optional<TruthEntry> memberAdded(CustomerWorld w, Random r, long now) {
        Optional<Group> g = randomGroup(w, r);
        Optional<User> u = randomUser(w, r);
        if (g.isEmpty() || u.isEmpty() || g.get().members.containsKey(u.get().id())) {
            return Optional.empty();
        }
        g.get().members.put(u.get().id(), factory.newMember(u.get().id(), g.get().id(), now));
        return Optional.of(record(w, memberKey(w, g.get().id(), u.get().id()), TruthClass.MEMBER_ADDED,
                "group's updated_at not bumped"));
    }

    private Optional<GroupMember> randomMember(CustomerWorld w, Random r, java.util.function.Predicate<GroupMember> ok) {
        for (int tries = 0; tries < 20; tries++) {
            Optional<Group> g = randomGroup(w, r);
            if (g.isEmpty()) {
                return Optional.empty();
            }
            List<GroupMember> candidates = g.get().members.values().stream().filter(ok).toList();
            if (!candidates.isEmpty()) {
                return Optional.of(candidates.get(r.nextInt(candidates.size())));
            }
        }
        return Optional.empty();
    }

    private Optional<TruthEntry> memberDeactivated(CustomerWorld w, Random r, long now) {
        Optional<GroupMember> m = randomMember(w, r, x -> "active".equals(x.status));
        if (m.isEmpty()) {
            return Optional.empty();
        }
        m.get().status = "inactive";
        m.get().updatedAt = now;
        return Optional.of(record(w, memberKey(w, m.get().groupId, m.get().userId), TruthClass.MEMBER_DEACTIVATED, "status inactive"));
    }

    private Optional<TruthEntry> memberRemoved(CustomerWorld w, Random r) {
        Optional<GroupMember> m = randomMember(w, r, x -> true);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        w.group(m.get().groupId).ifPresent(g -> g.members.remove(m.get().userId));
        return Optional.of(record(w, memberKey(w, m.get().groupId, m.get().userId), TruthClass.MEMBER_REMOVED,
                "removed from the members list"));
    }

    /**
     * Moves a group under another top-level group, or a subgroup to the top level. Only top-level
     * groups become parents, so no cycle can form; has_subgroups is not recomputed (VOMO does
     * not document when it is).
     */
    private Optional<TruthEntry> parentChanged(CustomerWorld w, Random r, long now) {
        List<Group> groups = groupsInIdOrder(w);
        if (groups.size() < 2) {
            return Optional.empty();
        }
        Group g = groups.get(r.nextInt(groups.size()));
        List<Long> options = new ArrayList<>();
        if (g.parentId != 0) {
            options.add(0L);
        }
        groups.stream().filter(p -> p.parentId == 0 && p.id() != g.id() && p.id() != g.parentId).forEach(p -> options.add(p.id()));
        if (options.isEmpty()) {
            return Optional.empty();
        }
        long parent = options.get(r.nextInt(options.size()));
        long old = g.parentId;
        w.changeGroup(g, now, x -> x.parentId = parent);
        return Optional.of(record(w, RecordKey.of(w.slug(), Resource.GROUPS, Long.toString(g.id())).encode(),
                TruthClass.PARENT_CHANGED, "parent_id " + old + " -> " + parent));
    }

    // ---- forms ----

    private Optional<TruthEntry> completionAdded(CustomerWorld w, Random r, long now) {
        List<Form> active = formsInIdOrder(w).stream().filter(f -> f.active).toList();
        Optional<User> u = randomUser(w, r);
        if (active.isEmpty() || u.isEmpty()) {
            return Optional.empty();
        }
        Form f = active.get(r.nextInt(active.size()));
        List<Participation> ps = w.participationsOf(u.get().id());
        Participation p = ps.isEmpty() ? null : ps.get(r.nextInt(ps.size()));
        FormCompletion c = factory.newCompletion(r, f, u.get().id(), p == null ? 0 : p.projectId, p == null ? 0 : p.id, now);
        f.completions.put(c.id, c);
        return Optional.of(record(w, completionKey(w, c), TruthClass.COMPLETION_ADDED, "form's updated_at not bumped"));
    }

    private Optional<TruthEntry> completionEdited(CustomerWorld w, Random r, long now) {
        List<Form> withCompletions = formsInIdOrder(w).stream().filter(f -> !f.completions.isEmpty()).toList();
        if (withCompletions.isEmpty()) {
            return Optional.empty();
        }
        Form f = withCompletions.get(r.nextInt(withCompletions.size()));
        List<FormCompletion> cs = new ArrayList<>(f.completions.values());
        FormCompletion c = cs.get(r.nextInt(cs.size()));
        Form.FormField field = f.fields.get(r.nextInt(f.fields.size()));
        String old = c.responses.get(field.id());
        String answer = factory.answer(r, field);
        if (answer.equals(old)) {
            answer = answer + " (edited)";
        }
        c.responses.put(field.id(), answer);
        c.updatedAt = now;
        return Optional.of(record(w, completionKey(w, c), TruthClass.COMPLETION_EDITED, "response to field " + field.id() + " edited"));
    }

    // ---- keys and truth ----

    private TruthEntry record(CustomerWorld w, String key, TruthClass kind, String detail) {
        return truth.record(w.slug(), key, kind, detail);
    }

    private static String userKey(CustomerWorld w, long id) {
        return RecordKey.of(w.slug(), Resource.USERS, Long.toString(id)).encode();
    }

    private static String participationKey(CustomerWorld w, Participation p) {
        return RecordKey.of(w.slug(), Resource.PARTICIPATIONS, Long.toString(p.projectDateId), Long.toString(p.userId)).encode();
    }

    private static String dateKey(CustomerWorld w, ProjectDate d) {
        return RecordKey.of(w.slug(), Resource.PROJECT_DATES, Long.toString(d.projectId), Long.toString(d.id)).encode();
    }

    private static String memberKey(CustomerWorld w, long groupId, long userId) {
        return RecordKey.of(w.slug(), Resource.GROUP_MEMBERS, Long.toString(groupId), Long.toString(userId)).encode();
    }

    private static String completionKey(CustomerWorld w, FormCompletion c) {
        return RecordKey.of(w.slug(), Resource.FORM_COMPLETIONS, Long.toString(c.formId), Long.toString(c.id)).encode();
    }
}

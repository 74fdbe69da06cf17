package io.vomorecon.sandbox.world;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One customer organisation's data: the records, the indexes the API lists from, and the only
 * way to change a record so that its list position follows. Readers (the API) take the read
 * lock, the mutation engine the write lock. Maps keyed by id are only looked up, never iterated
 * into output (output order comes from the sorted indexes and tree maps).
 */
public final class CustomerWorld {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CustomerWorld.class);

    private final String slug;
    private final int ordinal;
    private final Organization organization;
    private final Organization sister;
    private final Organization parent;
    private final String token;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /**
     * Writes so far (guarded by {@link #lock}): the version of every cached list order. Members and
     * completions change by direct field writes, so every write counts, whatever it touched.
     */
    private long writes;

    final Map<Long, User> users = new HashMap<>();
    final Map<Long, Project> projects = new HashMap<>();
    final Map<Long, ProjectDate> dates = new HashMap<>();
    final Map<Long, Group> groups = new HashMap<>();
    final Map<Long, Campaign> campaigns = new HashMap<>();
    final Map<Long, Form> forms = new HashMap<>();
    final Map<Long, Certificate> certificates = new HashMap<>();
    /** Participations of each user, for the user detail. */
    final Map<Long, TreeMap<Long, Participation>> participationsByUser = new HashMap<>();

    private final SortedIndex<User> userIndex = new SortedIndex<>();
    private final SortedIndex<Project> projectIndex = new SortedIndex<>();
    private final SortedIndex<Group> groupIndex = new SortedIndex<>();
    private final SortedIndex<Campaign> campaignIndex = new SortedIndex<>();
    private final SortedIndex<Form> formIndex = new SortedIndex<>();
    private final SortedIndex<Certificate> certificateIndex = new SortedIndex<>();
    /** Every date by id, sorted, so a scan for "today" is deterministic. */
    private final TreeMap<Long, ProjectDate> datesById = new TreeMap<>();

    public CustomerWorld(String slug, int ordinal, Organization organization, Organization sister, Organization parent, String token) {
        this.slug = slug;
        this.ordinal = ordinal;
        this.organization = organization;
        this.sister = sister;
        this.parent = parent;
        this.token = token;
    }

    public String slug() {
        return slug;
    }

    /** Position of the customer in the configuration (seeds and id ranges derive from it). */
    public int ordinal() {
        return ordinal;
    }

    public Organization organization() {
        return organization;
    }

    public Organization sister() {
        return sister;
    }

    public Organization parent() {
        return parent;
    }

    /** The throwaway sandbox token of this customer (never a real credential). */
    public String token() {
        return token;
    }

    /** Whether an organisation id is in reach of this customer's token (its own or the sister). */
    public boolean reaches(long organizationId) {
        return organizationId == organization.id() || organizationId == sister.id();
    }

    public <R> R read(Supplier<R> reader) {
        lock.readLock().lock();
        try {
            return reader.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public void write(Runnable writer) {
        lock.writeLock().lock();
        try {
            writes++;
            writer.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public <R> R writeAndGet(Supplier<R> writer) {
        lock.writeLock().lock();
        try {
            writes++;
            return writer.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- lookups (under a lock) ----

    public Optional<User> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    public Optional<Project> project(long id) {
        return Optional.ofNullable(projects.get(id));
    }

    public Optional<ProjectDate> date(long id) {
        return Optional.ofNullable(dates.get(id));
    }

    public Optional<Group> group(long id) {
        return Optional.ofNullable(groups.get(id));
    }

    public Optional<Campaign> campaign(long id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    public Optional<Form> form(long id) {
        return Optional.ofNullable(forms.get(id));
    }

    public Optional<Certificate> certificate(long id) {
        return Optional.ofNullable(certificates.get(id));
    }

    public List<Participation> participationsOf(long userId) {
        TreeMap<Long, Participation> p = participationsByUser.get(userId);
        return p == null ? List.of() : List.copyOf(p.values());
    }

    /**
     * The group's members in list order ({@code updated_at}, then user id), sorted once per write
     * of this world rather than once per page request. Unmodifiable; valid while the caller holds a lock.
     */
    public List<GroupMember> membersInListOrder(Group g) {
        return g.membersInListOrder.get(writes, g.members.values());
    }

    /** The form's completions in list order ({@code updated_at}, then id); as {@link #membersInListOrder}. */
    public List<FormCompletion> completionsInListOrder(Form f) {
        return f.completionsInListOrder.get(writes, f.completions.values());
    }

    public SortedIndex<User> userIndex() {
        return userIndex;
    }

    public SortedIndex<Project> projectIndex() {
        return projectIndex;
    }

    public SortedIndex<Group> groupIndex() {
        return groupIndex;
    }

    public SortedIndex<Campaign> campaignIndex() {
        return campaignIndex;
    }

    public SortedIndex<Form> formIndex() {
        return formIndex;
    }

    public SortedIndex<Certificate> certificateIndex() {
        return certificateIndex;
    }

    public java.util.Collection<ProjectDate> datesInIdOrder() {
        return datesById.values();
    }

    public int userCount() {
        return users.size();
    }

    // ---- listing rules ----

    /** {@code GET /users} lists the own organisation's invited and active members only. */
    public boolean listable(User u) {
        return u.organizationId == organization.id() && !u.forbidden && !u.anonymized
                && ("active".equals(u.membershipStatus) || "invited".equals(u.membershipStatus));
    }

    public boolean listable(Project p) {
        return p.organizationId == organization.id() && !p.forbidden;
    }

    // ---- changes (under the write lock) ----

    public void addUser(User u) {
        users.put(u.id, u);
        if (listable(u)) {
            userIndex.add(u);
        }
    }

    /** Changes a user; {@code bumpTo} > 0 sets {@code updated_at}, 0 leaves it (a silent change). */
    public void changeUser(User u, long bumpTo, Consumer<User> change) {
        change(u, userIndex, this::listable, bumpTo, change, t -> t.updatedAt = bumpTo);
    }

    public void removeUser(User u) {
        userIndex.remove(u);
        users.remove(u.id);
        participationsByUser.remove(u.id);
    }

    public void addProject(Project p) {
        projects.put(p.id, p);
        if (listable(p)) {
            projectIndex.add(p);
        }
    }

    public void changeProject(Project p, long bumpTo, Consumer<Project> change) {
        change(p, projectIndex, this::listable, bumpTo, change, t -> t.updatedAt = bumpTo);
    }

    public void addDate(Project p, ProjectDate d) {
        p.dates.add(d);
        dates.put(d.id, d);
        datesById.put(d.id, d);
    }

    public void addParticipation(ProjectDate d, Participation p) {
        d.participants.add(p);
        participationsByUser.computeIfAbsent(p.userId, k -> new TreeMap<>()).put(p.id, p);
    }

    /** Removes a participation (a cascade of a user's hard deletion). */
    public void removeParticipation(Participation p) {
        ProjectDate d = dates.get(p.projectDateId);
        if (d != null) {
            d.participants.remove(p);
        }
        TreeMap<Long, Participation> byUser = participationsByUser.get(p.userId);
        if (byUser != null) {
            byUser.remove(p.id);
        }
    }

    public void addGroup(Group g) {
        groups.put(g.id, g);
        if (!g.forbidden) {
            groupIndex.add(g);
        }
    }

    public void changeGroup(Group g, long bumpTo, Consumer<Group> change) {
        change(g, groupIndex, x -> !x.forbidden, bumpTo, change, t -> t.updatedAt = bumpTo);
    }

    public void addCampaign(Campaign c) {
        campaigns.put(c.id, c);
        if (!c.forbidden) {
            campaignIndex.add(c);
        }
    }

    public void changeCampaign(Campaign c, long bumpTo, Consumer<Campaign> change) {
        change(c, campaignIndex, x -> !x.forbidden, bumpTo, change, t -> t.updatedAt = bumpTo);
    }

    public void removeCampaign(Campaign c) {
        campaignIndex.remove(c);
        campaigns.remove(c.id);
    }

    public void addForm(Form f) {
        forms.put(f.id, f);
        formIndex.add(f);
    }

    public void changeForm(Form f, long bumpTo, Consumer<Form> change) {
        change(f, formIndex, x -> true, bumpTo, change, t -> t.updatedAt = bumpTo);
    }

    public void addCertificate(Certificate c) {
        certificates.put(c.id, c);
        certificateIndex.add(c);
    }

    public void changeCertificate(Certificate c, long bumpTo, Consumer<Certificate> change) {
        change(c, certificateIndex, x -> true, bumpTo, change, t -> t.updatedAt = bumpTo);
    }

    private static <T extends Listed> void change(T record, SortedIndex<T> index, Predicate<T> listable, long bumpTo,
                                                  Consumer<T> change, Consumer<T> bump) {
        boolean wasListed = index.remove(record);
        change.accept(record);
        if (bumpTo > 0) {
            bump.accept(record);
        }
        if (listable.test(record)) {
            index.add(record);
        } else if (wasListed) {
            LOG.debug("record {} dropped out of its list", record.id());
        }
    }
}

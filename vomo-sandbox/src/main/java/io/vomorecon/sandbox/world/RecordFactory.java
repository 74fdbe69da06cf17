package io.vomorecon.sandbox.world;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes new records with plausible content: used by the generator for the initial world and by
 * the mutation engine for creates and updates. Every choice comes from the given {@link Random},
 * so the same seed gives the same records.
 */
public final class RecordFactory {

    private static final String[] GENDERS = {"female", "male", "non-binary", "prefer not to say"};
    private static final String[] ROLES = {"volunteer", "volunteer", "volunteer", "volunteer", "volunteer", "volunteer",
            "volunteer", "coordinator", "admin"};
    private static final String[] SKILLS = {"first aid", "driving", "cooking", "teaching", "carpentry", "translation",
            "photography", "fundraising", "IT support", "gardening"};
    private static final String[] PROJECT_KINDS = {"Food Bank Shift", "Park Cleanup", "Literacy Tutoring", "Shelter Kitchen",
            "Community Garden", "Blood Drive", "Senior Visits", "Trail Maintenance", "Clothing Drive", "Youth Mentoring",
            "River Cleanup", "Animal Shelter Walks", "Tax Help Desk", "Library Reading Hour", "Habitat Build"};
    private static final String[] GROUP_KINDS = {"Volunteers", "Team", "Committee", "Crew", "Circle", "Squad"};
    private static final String[] FIELD_TYPES = {"text", "select", "checkbox", "date", "number"};
    private static final String[] PERIODS = {"P1Y", "P2Y", "P6M", "P3Y", "P1Y6M"};

    private final NamePools pools;
    private final IdSequences ids;

    public RecordFactory(NamePools pools, IdSequences ids) {
        this.pools = pools;
        this.ids = ids;
    }

    public User newUser(Random r, CustomerWorld w, long createdAt) {
        User u = new User(ids.nextUser(), createdAt);
        u.firstName = NamePools.pick(r, pools.firstNames);
        u.lastName = NamePools.pick(r, pools.lastNames);
        u.email = emailFor(u.firstName, u.lastName, u.id, NamePools.pick(r, pools.domains));
        u.phone = phone(r);
        u.address = address(r);
        u.birthday = LocalDate.ofEpochDay(LocalDate.of(1950, 1, 1).toEpochDay() + r.nextInt(56 * 365));
        u.gender = GENDERS[r.nextInt(GENDERS.length)];
        u.userStatus = r.nextInt(20) == 0 ? "pending" : "active";
        int s = r.nextInt(100);
        u.membershipStatus = s < 85 ? "active" : s < 95 ? "invited" : "inactive";
        u.membershipRole = ROLES[r.nextInt(ROLES.length)];
        u.organizationId = w.organization().id();
        u.skills = SKILLS[r.nextInt(SKILLS.length)];
        return u;
    }

    public static String emailFor(String first, String last, long id, String domain) {
        String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
        return local + id + "@" + domain.toLowerCase(Locale.ROOT);
    }

    /** A North American number in one of the shapes people type; never the scrubbed 555-555-5555. */
    public String phone(Random r) {
        int area = 201 + r.nextInt(780);
        int exchange = 200 + r.nextInt(799);
        int line = r.nextInt(10000);
        return switch (r.nextInt(3)) {
            case 0 -> String.format(Locale.ROOT, "(%03d) %03d-%04d", area, exchange, line);
            case 1 -> String.format(Locale.ROOT, "%03d-%03d-%04d", area, exchange, line);
            default -> String.format(Locale.ROOT, "+1 %03d %03d %04d", area, exchange, line);
        };
    }

    public Address address(Random r) {
        String[] st = NamePools.STATES[r.nextInt(NamePools.STATES.length)];
        return new Address((1 + r.nextInt(9899)) + " " + NamePools.pick(r, pools.streets), NamePools.pick(r, pools.cities),
                st[0], String.format(Locale.ROOT, "%05d", 1001 + r.nextInt(98000)), st[1]);
    }

    public Project newProject(Random r, CustomerWorld w, long createdAt) {
        Project p = new Project(ids.nextProject(), createdAt);
        p.name = NamePools.pick(r, pools.cities) + " " + PROJECT_KINDS[r.nextInt(PROJECT_KINDS.length)];
        p.description = "Join us: " + NamePools.pick(r, pools.words) + " " + NamePools.pick(r, pools.words) + ".";
        p.organizationId = w.organization().id();
        p.address = address(r);
        p.anytime = r.nextInt(10) == 0;
        p.draft = r.nextInt(12) == 0;
        p.publishedAt = p.draft ? 0 : createdAt + 3600;
        p.active = r.nextInt(8) != 0;
        return p;
    }

    public ProjectDate newDate(Project p, long startsAt, long updatedAt) {
        return new ProjectDate(ids.nextDate(), p.id, startsAt, startsAt + 3 * 3600, updatedAt);
    }

    /** A participation; a date in the past gets a plausible outcome (attended, hours, check-in). */
    public Participation newParticipation(Random r, ProjectDate d, long userId, long signedUpAt, long now) {
        Participation p = new Participation(ids.nextParticipation(), userId, d.id, d.projectId, signedUpAt);
        p.role = r.nextInt(10) == 0 ? "lead" : "volunteer";
        p.guests = r.nextInt(6) == 0 ? 1 + r.nextInt(3) : 0;
        if (d.endsAt <= now) {
            int outcome = r.nextInt(10);
            if (outcome < 8) {
                p.status = "attended";
                p.checkedInAt = d.startsAt + r.nextInt(900);
                p.checkedOutAt = d.endsAt - r.nextInt(900);
                p.hoursCents = (int) Math.max(25, (p.checkedOutAt - p.checkedInAt) / 36 / 25 * 25);
                p.verified = r.nextInt(3) != 0;
            } else {
                p.status = outcome == 8 ? "cancelled" : "signed_up";
            }
        } else {
            p.status = "signed_up";
        }
        return p;
    }

    public Group newGroup(Random r, long parentId, long createdAt) {
        Group g = new Group(ids.nextGroup(), createdAt);
        g.name = NamePools.pick(r, pools.cities) + " " + GROUP_KINDS[r.nextInt(GROUP_KINDS.length)];
        g.description = "Group for " + NamePools.pick(r, pools.words) + " work";
        g.parentId = parentId;
        return g;
    }

    public GroupMember newMember(long userId, long groupId, long joinedAt) {
        return new GroupMember(userId, groupId, joinedAt);
    }

    public Campaign newCampaign(Random r, CustomerWorld w, long authorId, long createdAt) {
        Campaign c = new Campaign(ids.nextCampaign(), createdAt);
        c.name = capital(NamePools.pick(r, pools.words)) + " " + capital(NamePools.pick(r, pools.words)) + " Drive";
        c.description = "Initiative " + NamePools.pick(r, pools.words);
        c.url = "https://" + w.slug() + ".vomo.org/initiatives/" + c.id;
        c.authorId = authorId;
        return c;
    }

    public Form newForm(Random r, long id, long createdAt) {
        Form f = new Form(id, createdAt);
        f.name = capital(NamePools.pick(r, pools.words)) + " Waiver";
        f.active = r.nextInt(6) != 0;
        int n = 3 + r.nextInt(4);
        for (int i = 1; i <= n; i++) {
            String type = FIELD_TYPES[r.nextInt(FIELD_TYPES.length)];
            List<String> options = type.equals("select") ? List.of("yes", "no", "maybe") : List.of();
            f.fields.add(new Form.FormField(id * 100 + i, capital(NamePools.pick(r, pools.words)) + "?", type, options));
        }
        return f;
    }

    public FormCompletion newCompletion(Random r, Form f, long userId, long projectId, long participationId, long createdAt) {
        FormCompletion c = new FormCompletion(ids.nextCompletion(), f.id, userId, projectId, participationId, createdAt);
        for (Form.FormField field : f.fields) {
            c.responses.put(field.id(), answer(r, field));
        }
        return c;
    }

    public String answer(Random r, Form.FormField field) {
        return switch (field.type()) {
            case "select" -> field.options().get(r.nextInt(field.options().size()));
            case "checkbox" -> r.nextBoolean() ? "1" : "0";
            case "date" -> LocalDate.of(2024, 1, 1).plusDays(r.nextInt(700)).toString();
            case "number" -> Integer.toString(r.nextInt(100));
            default -> NamePools.pick(r, pools.words);
        };
    }

    public Certificate newCertificate(Random r, long id, long createdAt) {
        Certificate c = new Certificate(id, createdAt);
        c.name = capital(NamePools.pick(r, pools.words)) + " Certificate";
        c.expiryPeriod = PERIODS[r.nextInt(PERIODS.length)];
        return c;
    }

    public String word(Random r) {
        return NamePools.pick(r, pools.words);
    }

    public String firstName(Random r) {
        return NamePools.pick(r, pools.firstNames);
    }

    public String lastName(Random r) {
        return NamePools.pick(r, pools.lastNames);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

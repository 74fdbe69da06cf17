package io.vomorecon.sandbox.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds a customer's initial world, deterministically from the seed: users, projects with dates
 * and participations, nested groups with members, campaigns, forms with completions and
 * certificates, all created and last updated before the simulated start. Sizes follow the user
 * count (about one project per 100 users, one group per 500, one form per 5,000).
 */
public final class WorldGenerator {

    private static final long DAY = 86_400;

    private final RecordFactory factory;

    public WorldGenerator(RecordFactory factory) {
        this.factory = factory;
    }

    /** A per-customer random: the same seed and ordinal always give the same sequence. */
    public static Random randomFor(long seed, int ordinal, long salt) {
        return new Random(seed * 1_000_003L + ordinal * 7919L + salt);
    }

    public void populate(CustomerWorld w, int userCount, long seed, long start) {
        Random r = randomFor(seed, w.ordinal(), 1);
        long history = 3 * 365 * DAY;

        long[] userIds = new long[userCount];
        for (int i = 0; i < userCount; i++) {
            long createdAt = start - history + (long) (r.nextDouble() * (history - DAY));
            User u = factory.newUser(r, w, createdAt);
            long updatedAt = createdAt + (long) (r.nextDouble() * (start - 1 - createdAt));
            u.updatedAt = updatedAt;
            w.addUser(u);
            userIds[i] = u.id;
        }

        int projects = Math.max(4, userCount / 100);
        List<ProjectDate> allDates = new ArrayList<>();
        for (int i = 0; i < projects; i++) {
            long createdAt = start - 400 * DAY + (long) (r.nextDouble() * 360 * DAY);
            Project p = factory.newProject(r, w, createdAt);
            int dates = 3 + r.nextInt(6);
            long first = start - (20 + r.nextInt(20)) * DAY + r.nextInt(10) * 3600L + 9 * 3600L;
            long firstAligned = first - Math.floorMod(first, 3600);
            long updatedAt = createdAt;
            for (int d = 0; d < dates; d++) {
                long startsAt = firstAligned + d * 7 * DAY;
                long dateUpdated = Math.min(start - 1, createdAt + DAY + d * 3600L);
                ProjectDate date = factory.newDate(p, startsAt, dateUpdated);
                w.addDate(p, date);
                allDates.add(date);
            }
            updatedAt = Math.max(updatedAt, Math.min(start - 1, createdAt + 2 * DAY + r.nextInt(30) * DAY));
            p.updatedAt = updatedAt;
            w.addProject(p);
        }

        for (ProjectDate d : allDates) {
            int k = Math.min(userCount, 5 + r.nextInt(46));
            java.util.TreeSet<Long> chosen = new java.util.TreeSet<>();
            while (chosen.size() < k) {
                chosen.add(userIds[r.nextInt(userCount)]);
            }
            for (long userId : chosen) {
                long signedUp = Math.min(start - 1, d.startsAt - DAY - r.nextInt(20) * DAY);
                w.addParticipation(d, factory.newParticipation(r, d, userId, signedUp, start));
            }
        }

        int groups = Math.max(3, userCount / 500);
        List<Group> made = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            long parentId = 0;
            if (i >= Math.max(1, groups / 3)) {
                Group parent = made.get(r.nextInt(made.size()));
                parentId = parent.id;
                parent.hasSubgroups = true;
            }
            long createdAt = start - 700 * DAY + (long) (r.nextDouble() * 600 * DAY);
            Group g = factory.newGroup(r, parentId, createdAt);
            g.updatedAt = createdAt + r.nextInt(60) * DAY;
            made.add(g);
            int k = Math.min(userCount, 10 + r.nextInt(Math.max(1, Math.min(800, userCount * 8 / 10 / groups * 2))));
            for (int m = 0; m < k; m++) {
                long userId = userIds[r.nextInt(userCount)];
                long joined = Math.min(start - 1, g.createdAt + (long) (r.nextDouble() * (start - 1 - g.createdAt)));
                g.members.putIfAbsent(userId, factory.newMember(userId, g.id, joined));
            }
        }
        made.forEach(w::addGroup);

        int campaigns = Math.max(2, userCount / 2000);
        for (int i = 0; i < campaigns; i++) {
            long createdAt = start - 300 * DAY + (long) (r.nextDouble() * 290 * DAY);
            Campaign c = factory.newCampaign(r, w, userIds[r.nextInt(userCount)], createdAt);
            c.updatedAt = createdAt + r.nextInt(5) * DAY;
            w.addCampaign(c);
        }

        int forms = Math.max(2, userCount / 5000);
        for (int i = 1; i <= forms; i++) {
            long createdAt = start - 500 * DAY + (long) (r.nextDouble() * 100 * DAY);
            Form f = factory.newForm(r, i, createdAt);
            f.updatedAt = createdAt + DAY;
            int k = Math.max(3, userCount / 20 / forms);
            for (int c = 0; c < k; c++) {
                ProjectDate d = allDates.get(r.nextInt(allDates.size()));
                long userId = d.participants.isEmpty() ? userIds[r.nextInt(userCount)] : d.participants.get(0).userId;
                long participationId = d.participants.isEmpty() ? 0 : d.participants.get(0).id;
                long at = Math.min(start - 1, f.createdAt + DAY + (long) (r.nextDouble() * 390 * DAY));
                FormCompletion fc = factory.newCompletion(r, f, userId, d.projectId, participationId, at);
                f.completions.put(fc.id, fc);
            }
            w.addForm(f);
        }

        int certificates = 3 + r.nextInt(6);
        for (int i = 1; i <= certificates; i++) {
            long createdAt = start - 800 * DAY + r.nextInt(700) * DAY;
            Certificate c = factory.newCertificate(r, i, createdAt);
            c.updatedAt = createdAt + r.nextInt(30) * DAY;
            w.addCertificate(c);
        }
    }
}

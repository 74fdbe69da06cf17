package io.vomorecon.sandbox.world;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Id allocation shared by every customer of a sandbox, so that users, projects, dates, groups,
 * campaigns and completions never collide across organisations (a foreign id answers 404).
 * Forms and certificates are numbered per customer instead, because VOMO's form ids repeat
 * across organisations.
 */
public final class IdSequences {
    final AtomicLong users = new AtomicLong(1000);
    final AtomicLong projects = new AtomicLong(100);
    final AtomicLong dates = new AtomicLong(70000);
    final AtomicLong participations = new AtomicLong(1_000_000);
    final AtomicLong groups = new AtomicLong(10);
    final AtomicLong campaigns = new AtomicLong(500);
    final AtomicLong completions = new AtomicLong(5000);

    public long nextUser() {
        return users.incrementAndGet();
    }

    public long nextProject() {
        return projects.incrementAndGet();
    }

    public long nextDate() {
        return dates.incrementAndGet();
    }

    public long nextParticipation() {
        return participations.incrementAndGet();
    }

    public long nextGroup() {
        return groups.incrementAndGet();
    }

    public long nextCampaign() {
        return campaigns.incrementAndGet();
    }

    public long nextCompletion() {
        return completions.incrementAndGet();
    }
}

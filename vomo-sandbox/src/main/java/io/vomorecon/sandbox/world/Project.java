package io.vomorecon.sandbox.world;

import java.util.ArrayList;
import java.util.List;

/** A VOMO project ("opportunity"); mutable state owned by {@link CustomerWorld}. */
public final class Project extends ListedRecord {
    public String name;
    public String description;
    public long organizationId;
    public Address address;
    public boolean anytime;
    public boolean draft;
    public long publishedAt;
    public boolean active;
    public boolean forbidden;
    /** Every date of the project, in creation order, including deleted ones (filtered when served). */
    public final List<ProjectDate> dates = new ArrayList<>();

    Project(long id, long createdAt) {
        super(id, createdAt);
    }
}

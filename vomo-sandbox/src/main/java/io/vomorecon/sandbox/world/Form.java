package io.vomorecon.sandbox.world;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A VOMO form with its completions; mutable state owned by {@link CustomerWorld}. */
public final class Form extends ListedRecord {
    public String name;
    public boolean active;
    public final List<FormField> fields = new ArrayList<>();
    /** Completions by id (sorted, so iteration is deterministic). */
    public final TreeMap<Long, FormCompletion> completions = new TreeMap<>();
    /** {@link #completions} in list order; read through {@link CustomerWorld#completionsInListOrder}. */
    final ListOrderCache<FormCompletion> completionsInListOrder = new ListOrderCache<>();

    Form(long id, long createdAt) {
        super(id, createdAt);
    }

    /** One question of a form. */
    public record FormField(long id, String label, String type, List<String> options) {
    }
}

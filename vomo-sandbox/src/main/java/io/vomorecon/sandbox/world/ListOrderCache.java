package io.vomorecon.sandbox.world;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * One record's sub-list (a group's members, a form's completions) in list order, sorted once and
 * reused until the customer's world is written again. Those sub-lists change through direct field
 * writes under the world's write lock, so the only safe freshness test is the world's write count:
 * any write drops every cached list of that customer. Readers run concurrently under the read lock;
 * two of them may sort the same version at once, which is harmless (same input, same answer). It
 * must never be read without the world's lock held.
 */
final class ListOrderCache<T extends Listed> {

    private record Sorted<T>(long version, List<T> items) {
    }

    private volatile Sorted<T> last;

    /** {@code source} sorted by {@code updated_at}, then id; an unmodifiable list, valid until the next write. */
    List<T> get(long version, Collection<T> source) {
        Sorted<T> s = last;
        if (s != null && s.version() == version) {
            return s.items();
        }
        ArrayList<T> sorted = new ArrayList<>(source);
        sorted.sort(SortedIndex.ORDER);
        List<T> items = Collections.unmodifiableList(sorted);
        last = new Sorted<>(version, items);
        return items;
    }
}

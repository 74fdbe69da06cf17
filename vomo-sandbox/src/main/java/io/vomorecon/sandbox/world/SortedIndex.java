package io.vomorecon.sandbox.world;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The listing order of one resource: records sorted by {@code updated_at}, then id, ascending.
 * An update moves a record to the end, so an offset-paged scan over a changing set really skips
 * or repeats records, as VOMO's unordered pages can. Kept incrementally: a mutation is one
 * binary search and one array move, so a page read never sorts.
 */
public final class SortedIndex<T extends Listed> {

    static final Comparator<Listed> ORDER = Comparator.comparingLong(Listed::updatedAt).thenComparingLong(Listed::id);

    private final ArrayList<T> items = new ArrayList<>();

    void add(T item) {
        int at = Collections.binarySearch(items, item, ORDER);
        if (at >= 0) {
            throw new IllegalStateException("record " + item.id() + " is already listed");
        }
        items.add(-at - 1, item);
    }

    /** Removes the record, found by its CURRENT sort position: call before changing {@code updatedAt}. */
    boolean remove(T item) {
        int at = Collections.binarySearch(items, item, ORDER);
        if (at < 0) {
            return false;
        }
        items.remove(at);
        return true;
    }

    public int size() {
        return items.size();
    }

    public T get(int index) {
        return items.get(index);
    }

    /** Read-only view; valid only while the caller holds the world's read lock. */
    public List<T> view() {
        return Collections.unmodifiableList(items);
    }

    /** Index of the first record with {@code updatedAt >= t}. */
    public int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = items.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items.get(mid).updatedAt() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first record with {@code updatedAt > t}. */
    public int firstAfter(long t) {
        return t == Long.MAX_VALUE ? items.size() : firstAtOrAfter(t + 1);
    }
}

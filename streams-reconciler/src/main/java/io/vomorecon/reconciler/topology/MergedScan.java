package io.vomorecon.reconciler.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Walks several stores at once, in key order, over one scope prefix: each row is a key and what
 * every store holds for it. A store may keep its keys under a store prefix (run-seen keeps
 * {@code runId/key}); the prefix is stripped. Starts after a cursor so a sweep resumes where its
 * last slice stopped. Must be closed.
 */
final class MergedScan implements AutoCloseable {

    private final List<Source<?>> sources = new ArrayList<>();

    static final class Source<V> {
        final KeyValueIterator<String, V> it;
        final String storePrefix;
        final String bound;
        KeyValue<String, V> head;
        /** The head's key without the store prefix (compared several times per row: cut once). */
        String headKey;

        Source(KeyValueStore<String, V> store, String storePrefix, String scopePrefix, Optional<String> after) {
            this.storePrefix = storePrefix;
            this.bound = storePrefix + scopePrefix;
            String from = after.map(a -> storePrefix + a + "\u0000").orElse(bound);
            this.it = store.range(from, null);
            advance();
        }

        void advance() {
            head = null;
            headKey = null;
            if (it.hasNext()) {
                KeyValue<String, V> kv = it.next();
                if (kv.key.startsWith(bound)) {
                    head = kv;
                    headKey = storePrefix.isEmpty() ? kv.key : kv.key.substring(storePrefix.length());
                }
            }
        }

        String key() {
            return headKey;
        }
    }

    /** One key and the value each store holds for it (null where it holds none), in the order the stores were added. */
    record Row(String key, Object[] values) {
        @SuppressWarnings("unchecked")
        <V> V get(int i) {
            return (V) values[i];
        }
    }

    <V> MergedScan add(KeyValueStore<String, V> store, String storePrefix, String scopePrefix, Optional<String> after) {
        sources.add(new Source<>(store, storePrefix, scopePrefix, after));
        return this;
    }

    boolean hasNext() {
        for (Source<?> s : sources) {
            if (s.head != null) {
                return true;
            }
        }
        return false;
    }

    Row next() {
        String min = null;
        for (Source<?> s : sources) {
            if (s.head != null && (min == null || utf8Compare(s.key(), min) < 0)) {
                min = s.key();
            }
        }
        Object[] values = new Object[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            Source<?> s = sources.get(i);
            if (s.head != null && s.key().equals(min)) {
                values[i] = s.head.value;
                s.advance();
            }
        }
        return new Row(min, values);
    }

    /**
     * Orders strings as RocksDB orders their UTF-8 bytes (code point order), without encoding them:
     * plain {@code compareTo} differs from it only for surrogate pairs against U+E000..U+FFFF.
     */
    static int utf8Compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE || y >= Character.MIN_SURROGATE) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    @Override
    public void close() {
        sources.forEach(s -> s.it.close());
    }
}

package io.vomorecon.reconciler.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the memory of every RocksDB store of the instance: one LRU block cache shared by all
 * (index and filter blocks charged to it), and one write-buffer manager, charged to the same
 * cache, shared by the bulk stores, the ones written once per input record ({@link #BULK}).
 * Sized from the configuration ({@code rocksdb.*}), so state grows on disk, not in RSS. The
 * shared cache is never closed by a single store.
 *
 * <p>Why the bookkeeping stores (pending emissions, findings, sweeps, runs, the aggregator's) stay
 * out of the write-buffer manager: once the bulk stores' memtables fill the manager's budget, the
 * manager flushes the memtable of whichever store is written next, however small. During an
 * evaluation that was the pending-emissions store, at every put: 1,800 flushes of one or two
 * entries in one benchmark run, three immutable memtables queued behind the one flush thread, and
 * RocksDB stopping the stream thread's writes for seconds ("Stopping writes because we have 3
 * immutable memtables"; docs/benchmarks.md). Those stores get small private memtables instead:
 * their memory is bounded by their count (fixed by the topology and the partitions) times
 * {@code max-write-buffers} times 1 MB, and a flush of theirs happens only when one is full.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    static final String BLOCK_CACHE_MB = "vomo.recon.rocksdb.block-cache-mb";
    static final String WRITE_BUFFER_MB = "vomo.recon.rocksdb.write-buffer-mb";
    static final String MAX_WRITE_BUFFERS = "vomo.recon.rocksdb.max-write-buffers";

    /**
     * JVM system property: when {@code true}, every store writes RocksDB's own log (INFO, with
     * statistics every 3 s) into its directory, to diagnose flushes and write stalls.
     */
    public static final String DIAGNOSTICS_PROPERTY = "vomo.recon.rocksdb.diagnostics";

    /** The stores written once per input record: they share the write-buffer manager's budget. */
    static final java.util.Set<String> BULK = java.util.Set.of(StoreNames.VOMO, StoreNames.PARTNER, StoreNames.EXTERNAL,
            StoreNames.RUN_SEEN);
    /** A bookkeeping store's memtable. */
    static final long SMALL_MEMTABLE_BYTES = 1L << 20;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void init(long cacheBytes, long writeBufferBytes) {
        if (cache == null) {
            cache = new LRUCache(cacheBytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(writeBufferBytes, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long cacheMb = number(configs, BLOCK_CACHE_MB, 64);
        long writeMb = number(configs, WRITE_BUFFER_MB, 32);
        int maxBuffers = (int) number(configs, MAX_WRITE_BUFFERS, 3);
        init(cacheMb << 20, writeMb << 20);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        // Sweeps read long key ranges: larger blocks mean fewer block reads per scanned key.
        table.setBlockSize(16 * 1024);
        options.setTableFormatConfig(table);
        if (BULK.contains(storeName)) {
            options.setWriteBufferManager(writeBuffers);
            // Memtables of an eighth of the budget: a bulk store flushes when its memtable is full
            // far more often than when the manager's total is over the limit.
            options.setWriteBufferSize(Math.max(1L << 20, (writeMb << 20) / 8));
        } else {
            options.setWriteBufferSize(SMALL_MEMTABLE_BYTES);
        }
        options.setMaxWriteBufferNumber(maxBuffers);
        if (Boolean.getBoolean(DIAGNOSTICS_PROPERTY)) {
            options.setInfoLogLevel(org.rocksdb.InfoLogLevel.INFO_LEVEL);
            options.setStatsDumpPeriodSec(3);
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write-buffer manager are shared by every store; closing them here would break the others
    }

    private static long number(Map<String, Object> configs, String key, long fallback) {
        Object v = configs.get(key);
        return v == null ? fallback : Long.parseLong(v.toString());
    }
}

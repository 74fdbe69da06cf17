package io.vomorecon.reconciler.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the memory of every RocksDB store of the instance together: one LRU block cache (index and
 * filter blocks charged to it) and one write-buffer manager charged to the same cache, sized from
 * the configuration ({@code rocksdb.*}). So state grows on disk, not in RSS. The shared cache is
 * never closed by a single store.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    static final String BLOCK_CACHE_MB = "vomo.recon.rocksdb.block-cache-mb";
    static final String WRITE_BUFFER_MB = "vomo.recon.rocksdb.write-buffer-mb";
    static final String MAX_WRITE_BUFFERS = "vomo.recon.rocksdb.max-write-buffers";

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
        options.setWriteBufferManager(writeBuffers);
        // Small memtables per store: with one shared write-buffer manager and two dozen stores, the
        // default 16 MB memtables make the manager force flushes of every store's tiny memtable
        // whenever the total is over its limit (flush storms, many L0 files, stalled puts).
        options.setWriteBufferSize(Math.max(1L << 20, (writeMb << 20) / 8));
        options.setMaxWriteBufferNumber(maxBuffers);
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

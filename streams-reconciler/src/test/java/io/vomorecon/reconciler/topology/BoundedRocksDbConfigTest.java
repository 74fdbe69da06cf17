package io.vomorecon.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * Which stores share the write-buffer manager: the bulk stores do, the bookkeeping stores must not
 * (the manager flushed the pending-emissions store at every put once the bulk stores had filled its
 * budget, and RocksDB then stopped the stream thread's writes).
 */
class BoundedRocksDbConfigTest {

    static {
        RocksDB.loadLibrary();
    }

    private static final Map<String, Object> CONFIGS = Map.of(BoundedRocksDbConfig.BLOCK_CACHE_MB, "64",
            BoundedRocksDbConfig.WRITE_BUFFER_MB, "32", BoundedRocksDbConfig.MAX_WRITE_BUFFERS, "3");

    private static Options configured(String store) {
        Options o = new Options();
        o.setTableFormatConfig(new BlockBasedTableConfig());
        new BoundedRocksDbConfig().setConfig(store, o, CONFIGS);
        return o;
    }

    @Test
    void bulkStoresShareTheManagerWithAnEighthOfItsBudgetPerMemtable() {
        for (String store : BoundedRocksDbConfig.BULK) {
            try (Options o = configured(store)) {
                assertThat(o.writeBufferManager()).as(store).isNotNull();
                assertThat(o.writeBufferSize()).as(store).isEqualTo(4L << 20);
                assertThat(o.maxWriteBufferNumber()).as(store).isEqualTo(3);
            }
        }
    }

    @Test
    void bookkeepingStoresHaveSmallPrivateMemtables() {
        for (String store : new String[] {StoreNames.PENDING, StoreNames.FINDINGS, StoreNames.SWEEPS, StoreNames.RUNS,
                StoreNames.AWAITING, StoreNames.RUN_AGGREGATES, StoreNames.GAP_RATES, StoreNames.DAILY_GAPS,
                StoreNames.SCHEDULE_FINDINGS}) {
            try (Options o = configured(store)) {
                assertThat(o.writeBufferManager()).as(store).isNull();
                assertThat(o.writeBufferSize()).as(store).isEqualTo(BoundedRocksDbConfig.SMALL_MEMTABLE_BYTES);
                assertThat(o.maxWriteBufferNumber()).as(store).isEqualTo(3);
            }
        }
    }

    @Test
    void everyStoreReadsThroughTheOneSharedCache() {
        try (Options bulk = configured(StoreNames.VOMO); Options small = configured(StoreNames.PENDING)) {
            BlockBasedTableConfig a = (BlockBasedTableConfig) bulk.tableFormatConfig();
            BlockBasedTableConfig b = (BlockBasedTableConfig) small.tableFormatConfig();
            assertThat(a.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(b.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(a.blockSize()).isEqualTo(16 * 1024).isEqualTo(b.blockSize());
        }
    }
}

package io.vomorecon.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The merged scan must order keys exactly as RocksDB orders their UTF-8 bytes, or rows would not line up. */
class MergedScanOrderTest {

    @Test
    void comparesLikeUtf8Bytes() {
        List<String> samples = List.of("acme/users/1", "acme/users/10", "acme/users/2", "acme/users-x/1", "acme/users/\uE000",
                "acme/users/\uD83D\uDE00", "acme/users/é", "acme/users/", "acme/users/%2F");
        for (String a : samples) {
            for (String b : samples) {
                int bytes = Integer.signum(Bytes.wrap(a.getBytes(StandardCharsets.UTF_8)).compareTo(Bytes.wrap(b.getBytes(StandardCharsets.UTF_8))));
                assertThat(Integer.signum(MergedScan.utf8Compare(a, b))).as("%s vs %s", a, b).isEqualTo(bytes);
            }
        }
    }
}

package io.vomorecon.poller.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanResultTest {

    @Test
    void narrowingKeepsOnlyTheRecordsUnderTheNarrowerScopeAndTakesItsScope() {
        RunBuffer<String> b = new RunBuffer<>();
        for (String k : List.of("acme/participations/10/1", "acme/participations/10/2", "acme/participations/11/1",
                "acme/participations/100/7", "acme/participations/12/3")) {
            b.add(k, "row " + k, Optional.empty());
        }
        b.add("acme/participations/10/1", "row again", Optional.empty());
        ScanResult<String> whole = new ScanResult<>(b, List.of("acme/participations/"), List.of(), Optional.empty(), 0);

        List<String> narrower = List.of("acme/participations/10/", "acme/participations/12/3", "acme/participations/13/");
        ScanResult<String> part = whole.within(narrower);

        assertThat(part.records().records()).extracting(RunBuffer.Keyed::key)
                .containsExactly("acme/participations/10/1", "acme/participations/10/2", "acme/participations/12/3");
        assertThat(part.records().records().get(0).value()).isEqualTo("row again");
        assertThat(part.scope()).isEqualTo(narrower);
        assertThat(part.abortReason()).isEmpty();
        assertThat(whole.records().size()).as("the original scan is left as it was").isEqualTo(5);
    }

    @Test
    void nestedPrefixesAndExactKeysAreBothHonoured() {
        RunBuffer<String> b = new RunBuffer<>();
        b.add("c/r/a/b/1", "x", Optional.empty());
        b.add("c/r/a/z", "y", Optional.empty());
        b.add("c/r/b", "z", Optional.empty());
        ScanResult<String> s = new ScanResult<>(b, List.of("c/r/"), List.of(), Optional.empty(), 0);
        assertThat(s.within(List.of("c/r/a/b/", "c/r/a/")).records().records()).extracting(RunBuffer.Keyed::key)
                .containsExactly("c/r/a/b/1", "c/r/a/z");
        assertThat(s.within(List.of("c/r/b")).records().records()).extracting(RunBuffer.Keyed::key).containsExactly("c/r/b");
        assertThat(s.within(List.of()).records().size()).isZero();
    }
}

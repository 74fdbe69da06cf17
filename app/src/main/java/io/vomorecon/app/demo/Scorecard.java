package io.vomorecon.app.demo;

import io.vomorecon.sandbox.truth.TruthClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The result of an end-to-end run against the ground truth: one row per customer and class, and
 * the product's promises as named checks, each passed or not with the figures behind it.
 */
public record Scorecard(List<Row> rows, List<Check> checks, Map<String, Long> runVerdicts) {

    /**
     * One customer and class. Keys are distinct record keys. {@code gaps} = keys where the
     * partner's or the destination's state disagreed with VOMO and the partner did not fix it
     * itself (detected + missed); {@code byPartner} = keys the partner's own polling set right.
     */
    public record Row(String customer, TruthClass kind, int injected, int gaps, int detected, int corrected, int held, int open,
                      int byPartner, boolean scored) {
        public int missed() {
            return gaps - detected;
        }
    }

    /** One promise: its name, whether it holds, and what was measured. */
    public record Check(String name, boolean passed, String detail) {
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The table per customer and class, fixed-width, for a terminal and the README. */
    public List<String> table() {
        List<String> out = new ArrayList<>();
        String header = String.format("%-10s %-28s %8s %6s %8s %9s %6s %6s %10s %7s", "customer", "class", "injected", "gaps",
                "detected", "corrected", "held", "open", "by-partner", "recall");
        out.add(header);
        out.add("-".repeat(header.length()));
        String last = null;
        for (Row r : rows) {
            if (last != null && !last.equals(r.customer())) {
                out.add("");
            }
            last = r.customer();
            String recall = !r.scored() ? "n/a" : r.gaps() == 0 ? "-" : String.format("%.0f%%", 100.0 * r.detected() / r.gaps());
            out.add(String.format("%-10s %-28s %8d %6s %8s %9s %6s %6s %10s %7s", r.customer(), r.kind().name(), r.injected(),
                    r.scored() ? r.gaps() : "-", r.scored() ? r.detected() : "-", r.scored() ? r.corrected() : "-",
                    r.scored() ? r.held() : "-", r.scored() ? r.open() : "-", r.scored() ? r.byPartner() : "-", recall));
        }
        return out;
    }
}

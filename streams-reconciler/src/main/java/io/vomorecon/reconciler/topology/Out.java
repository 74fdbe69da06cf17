package io.vomorecon.reconciler.topology;

import io.vomorecon.reconciler.state.RunControl;
import io.vomorecon.reconciler.state.VerdictNotice;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunSummary;

/** Everything a reconciler processor forwards; the topology routes each kind to its topic. */
public sealed interface Out {

    record FindingOut(Finding finding) implements Out {
    }

    record ReviewOut(ReviewItem item) implements Out {
    }

    record ControlOut(RunControl control) implements Out {
    }

    record SummaryOut(RunSummary summary) implements Out {
    }

    record AlertOut(Alert alert) implements Out {
    }

    record NoticeOut(VerdictNotice notice) implements Out {
    }

    record DeadLetterOut(DeadLetter deadLetter) implements Out {
    }
}

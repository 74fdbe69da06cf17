package io.vomorecon.sink.external;

import io.vomorecon.sink.plan.WriteAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The destination the sink repairs. An implementation applies each action at most once in
 * effect: an action whose id the destination already holds is ALREADY_APPLIED, one older than
 * what the destination holds is SUPERSEDED, and neither changes anything. It must never
 * overwrite a row that reflects a newer VOMO version than the action's.
 */
public interface ExternalSystem extends AutoCloseable {

    /** Applies one action; throws {@link ExternalWriteException} when it could not. */
    ApplyResult apply(WriteAction action);

    /**
     * Applies several actions on distinct keys, all or nothing, with results in the same order.
     * The default applies them one by one (not atomically); implementations batch them.
     */
    default List<ApplyResult> applyAll(List<WriteAction> actions) {
        List<ApplyResult> out = new ArrayList<>(actions.size());
        for (WriteAction a : actions) {
            out.add(apply(a));
        }
        return out;
    }

    @Override
    void close();
}

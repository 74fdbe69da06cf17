package io.vomorecon.sink.runtime;

import io.vomorecon.sink.external.ApplyResult;
import io.vomorecon.sink.external.ExternalWriteException;

/** What became of one write action after retries: done (applied, already applied, superseded) or failed. */
public sealed interface WriteResult {

    int attempts();

    record Done(ApplyResult result, int attempts) implements WriteResult {
    }

    record Failed(ExternalWriteException error, int attempts) implements WriteResult {
    }
}

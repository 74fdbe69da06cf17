package io.vomorecon.sink.external;

import java.util.Optional;

/**
 * A destination write that failed. {@code transient} says whether trying again may help
 * (connection loss, deadlock, serialization failure, timeout); {@code code} is the SQLState (or
 * another error code) and {@code detail} names the constraint or cause. The message is built
 * from those only: never from the driver's message, which can quote row values (personal data).
 */
public class ExternalWriteException extends RuntimeException {

    private final boolean transientFailure;
    private final String errorClass;
    private final Optional<String> code;

    public ExternalWriteException(boolean transientFailure, String errorClass, Optional<String> code, String detail) {
        super(detail, null, false, false);
        this.transientFailure = transientFailure;
        this.errorClass = errorClass;
        this.code = code == null ? Optional.empty() : code;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** The class of the underlying error, e.g. {@code org.postgresql.util.PSQLException}. */
    public String errorClass() {
        return errorClass;
    }

    public Optional<String> code() {
        return code;
    }

    /** One line for DLQ reasons and logs: the code and the safe detail. */
    public String reason() {
        return (transientFailure ? "transient" : "permanent") + " error"
                + code.map(c -> " SQLState " + c).orElse("") + ": " + getMessage();
    }
}

package org.relevanceworkbench.common;

/**
 * A problem the user can fix (bad file, unknown collection, newer database...). Its message is one
 * line meant for people; the CLI and the GUI show it without a stack trace.
 */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}

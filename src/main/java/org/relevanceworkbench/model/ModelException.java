package org.relevanceworkbench.model;

import org.relevanceworkbench.common.UserException;

/** A model folder that cannot be used (missing file, malformed weights, unsupported architecture). */
public final class ModelException extends UserException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}

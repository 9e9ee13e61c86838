package org.relevanceworkbench.store;

import org.relevanceworkbench.common.UserException;

/**
 * A collection's name as the workspace keys it: the text as typed without surrounding white space, never empty.
 * Every place that creates or looks up a collection goes through it, so {@code " films "} and {@code "films"} are
 * one collection.
 */
public record CollectionName(String value) {
    public CollectionName {
        value = normalize(value);
        if (value.isEmpty()) {
            throw new UserException("a collection needs a non-empty name");
        }
    }

    /** The name a lookup compares with: stripped, and null as the empty name that no collection has. */
    public static String normalize(String typed) {
        return typed == null ? "" : typed.strip();
    }

    @Override
    public String toString() {
        return value;
    }
}

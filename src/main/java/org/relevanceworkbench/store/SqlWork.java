package org.relevanceworkbench.store;

import java.sql.Connection;

/** A unit of database work; runs on a connection the {@link Database} lends for its duration. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws Exception;
}

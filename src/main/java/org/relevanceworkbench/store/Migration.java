package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One schema step, {@code from} to {@code from + 1}. The {@link Database} runs it in its own
 * transaction together with the {@code PRAGMA user_version} bump, so a failed step leaves the
 * file at the version it had.
 */
public interface Migration {
    int from();

    default int to() {
        return from() + 1;
    }

    void apply(Connection connection) throws SQLException;
}

package org.relevanceworkbench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.relevanceworkbench.common.UserException;

/**
 * Brings a workspace file to this app's schema, one {@link Migration} at a time, keyed on
 * {@code PRAGMA user_version}. Refuses files that are newer than the app, older than any step it
 * knows, or another application's SQLite database. Before upgrading a non-empty workspace it
 * keeps a copy next to it ({@code name.v<N>.bak}), so an interrupted upgrade costs nothing.
 */
final class SchemaUpgrader {
    private final Path file;
    private final Connection connection;
    private final List<Migration> migrations;

    SchemaUpgrader(Path file, Connection connection, List<Migration> migrations) {
        this.file = file;
        this.connection = connection;
        this.migrations = migrations;
    }

    void upgrade() throws SQLException {
        int version = intPragma("user_version");
        int latest = Migrations.latest(migrations);
        if (version > latest) {
            throw new UserException(file + " was written by a newer Relevance Workbench (schema version "
                    + version + "; this app knows up to " + latest + "): update the app to open it");
        }
        checkOwnership(version);
        if (version == latest) {
            return;
        }
        int oldest = Migrations.oldestUpgradable(migrations);
        if (version < oldest) {
            throw new UserException(file + " is too old to upgrade (schema version " + version
                    + "; this app upgrades from " + oldest + " on): open it once with an older release first");
        }
        if (version > 0) {
            backUp(version);
        }
        for (Migration step : migrations) {
            if (step.from() < version) {
                continue;
            }
            if (step.from() != version) {
                throw new IllegalStateException("no migration from schema version " + version);
            }
            apply(step);
            version = step.to();
        }
    }

    private void checkOwnership(int version) throws SQLException {
        int applicationId = intPragma("application_id");
        if (applicationId != 0 && applicationId != Database.APPLICATION_ID) {
            throw new UserException(file + " belongs to another application (SQLite application_id "
                    + Integer.toHexString(applicationId) + ")");
        }
        if (version == 0 && applicationId == 0 && hasTables()) {
            throw new UserException(file + " is a SQLite database of another application, not a workspace");
        }
    }

    private boolean hasTables() throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")) {
            return rs.getInt(1) > 0;
        }
    }

    private void backUp(int version) throws SQLException {
        Path backup = file.resolveSibling(file.getFileName() + ".v" + version + ".bak");
        try {
            Files.deleteIfExists(backup);
        } catch (java.io.IOException e) {
            throw new UserException("cannot replace the backup " + backup + ": " + e.getMessage(), e);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("VACUUM INTO '" + backup.toString().replace("'", "''") + "'");
        }
    }

    private void apply(Migration step) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            step.apply(connection);
            st.execute("PRAGMA application_id = " + Database.APPLICATION_ID);
            st.execute("PRAGMA user_version = " + step.to());
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private int intPragma(String name) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.getInt(1);
        }
    }
}

package org.relevanceworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void newWorkspaceIsWalWithForeignKeysBusyTimeoutAndLatestSchema() {
        try (Database db = Database.open(dir.resolve("ws.db"))) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latest(Migrations.ALL));
            db.write(c -> {
                assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
                assertThat(Integer.parseInt(pragma(c, "busy_timeout"))).isGreaterThanOrEqualTo(5000);
                assertThat(pragma(c, "application_id")).isEqualTo(Integer.toString(Database.APPLICATION_ID));
                return null;
            });
        }
    }

    @Test
    void createsMissingParentFolders() {
        Path nested = dir.resolve("a/b/c/ws.db");
        try (Database db = Database.open(nested)) {
            assertThat(Files.exists(nested)).isTrue();
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database db = Database.open(dir.resolve("ws.db"))) {
            assertThatThrownBy(() -> db.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO document(collection_id, doc_id, text) VALUES (999, 'd', 'x')");
                }
                return null;
            })).isInstanceOf(SQLException.class).hasMessageContaining("FOREIGN KEY");
        }
    }

    @Test
    void aFailedWriteRollsBackEverythingItDid() {
        try (Database db = Database.open(dir.resolve("ws.db"))) {
            assertThatThrownBy(() -> db.write(c -> {
                new CollectionDao(c).create("half");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
            java.util.Optional<Collection> half = db.read(c -> new CollectionDao(c).find("half"));
            assertThat(half).isEmpty();
        }
    }

    @Test
    void writesFromManyThreadsAreSerialisedOnTheWriter() {
        try (Database db = Database.open(dir.resolve("ws.db"))) {
            List<CompletableFuture<Collection>> futures = java.util.stream.IntStream.range(0, 50)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> db.write(c -> new CollectionDao(c).create("c" + i))))
                    .toList();
            futures.forEach(CompletableFuture::join);
            List<Collection> all = db.read(c -> new CollectionDao(c).all());
            assertThat(all).hasSize(50);
        }
    }

    @Test
    void readsSeeCommittedWritesFromOtherConnectionsAndProcesses() throws Exception {
        Path file = dir.resolve("ws.db");
        try (Database db = Database.open(file); Database other = Database.open(file)) {
            db.write(c -> new CollectionDao(c).create("shared"));
            java.util.Optional<Collection> shared = other.read(c -> new CollectionDao(c).find("shared"));
            assertThat(shared).isPresent();
        }
    }

    @Test
    void reopensAnExistingWorkspaceWithoutMigratingAgain() {
        Path file = dir.resolve("ws.db");
        try (Database db = Database.open(file)) {
            db.write(c -> new CollectionDao(c).create("kept"));
        }
        try (Database db = Database.open(file)) {
            java.util.Optional<Collection> kept = db.read(c -> new CollectionDao(c).find("kept"));
            assertThat(kept).isPresent();
        }
        assertThat(dir.resolve("ws.db.v1.bak")).doesNotExist();
    }

    @Test
    void refusesADatabaseWrittenByANewerApp() throws Exception {
        Path file = dir.resolve("ws.db");
        Database.open(file).close();
        setUserVersion(file, 99);
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("newer Relevance Workbench")
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("update the app");
    }

    @Test
    void refusesADatabaseOlderThanAnyUpgradeStep() throws Exception {
        Path file = dir.resolve("ws.db");
        Database.open(file, List.of(new Migration0_1())).close(); // version 1
        List<Migration> onlyLaterSteps = List.of(new AddTable(2, "two"), new AddTable(3, "three"));
        assertThatThrownBy(() -> Database.open(file, onlyLaterSteps))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("too old to upgrade")
                .hasMessageContaining("schema version 1");
    }

    @Test
    void upgradesOneStepAtATimeAndKeepsABackupOfTheOldFile() throws Exception {
        Path file = dir.resolve("ws.db");
        try (Database db = Database.open(file, List.of(new Migration0_1()))) {
            db.write(c -> new CollectionDao(c).create("before-upgrade"));
        }
        List<Migration> steps = List.of(new Migration0_1(), new AddTable(1, "one_two"), new AddTable(2, "two_three"));
        try (Database db = Database.open(file, steps)) {
            assertThat(db.schemaVersion()).isEqualTo(3);
            boolean both = db.read(c -> tableExists(c, "one_two") && tableExists(c, "two_three"));
            assertThat(both).isTrue();
            java.util.Optional<Collection> before = db.read(c -> new CollectionDao(c).find("before-upgrade"));
            assertThat(before).isPresent();
        }
        Path backup = dir.resolve("ws.db.v1.bak");
        assertThat(backup).exists();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup)) {
            assertThat(pragma(c, "user_version")).isEqualTo("1");
            assertThat(tableExists(c, "one_two")).isFalse();
        }
    }

    @Test
    void aVersionOneWorkspaceGainsTheScoreCacheAndKeepsItsData() throws Exception {
        Path file = dir.resolve("ws.db");
        try (Database db = Database.open(file, List.of(new Migration0_1()))) {
            db.write(c -> new CollectionDao(c).create("robust04"));
        }
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latest(Migrations.ALL));
            boolean cache = db.read(c -> tableExists(c, "score_cache"));
            assertThat(cache).isTrue();
            java.util.Optional<Collection> kept = db.read(c -> new CollectionDao(c).find("robust04"));
            assertThat(kept).isPresent();
        }
        assertThat(dir.resolve("ws.db.v1.bak")).exists();
    }

    @Test
    void aVersionTwoWorkspaceKeepsItsCachedScoresAsLocalOnesAndItsRunsProvenance() throws Exception {
        Path file = dir.resolve("v2.db");
        long collectionId;
        try (Database db = Database.open(file, List.of(new Migration0_1(), new Migration1_2()))) {
            collectionId = db.write(c -> new CollectionDao(c).create("films").id());
            db.write(c -> {
                Sql.update(c, "INSERT INTO score_cache VALUES ('sha256:w', 't', 'fp32', 2048, 'control', 'q', ?, 'd1',"
                        + " 0.75, 1.5, 0.4, 201, 0, '2026-01-01T00:00:00Z')", collectionId);
                Sql.update(c, "INSERT INTO run(collection_id, name, scorer, model_fingerprint, template_hash, dtype,"
                        + " max_length, special_tokens, source, created_at) VALUES (?, 'followir-og', 'followir',"
                        + " 'sha256:w', 't', 'fp32', 2048, 'control', 'm', '2026-01-01T00:00:00Z')", collectionId);
                return null;
            });
        }
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latest(Migrations.ALL));
            ScoreKey local = new ScoreKey("local", "sha256:w", "t", "fp32", 2048, "control", "q");
            java.util.Map<String, CachedScore> found = db.read(c -> new ScoreCacheDao(c).find(local, collectionId,
                    List.of("d1")));
            assertThat(found.get("d1").pTrue()).isEqualTo(0.75);
            assertThat(found.get("d1").logitDiff()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(found.get("d1").approximate()).isFalse();
            ScoreKey server = new ScoreKey("server/vllm-classify", "sha256:w", "t", "fp32", 2048, "control", "q");
            java.util.Map<String, CachedScore> none = db.read(c -> new ScoreCacheDao(c).find(server, collectionId,
                    List.of("d1")));
            assertThat(none).as("a server never takes a local score for its own").isEmpty();
            Run run = db.read(c -> new RunDao(c).find(collectionId, "followir-og")).orElseThrow();
            assertThat(run.backend()).isEqualTo("local");
            assertThat(run.server()).isNull();
        }
        assertThat(dir.resolve("v2.db.v2.bak")).exists();
    }

    @Test
    void aFailingMigrationLeavesTheFileAtItsVersion() throws Exception {
        Path file = dir.resolve("ws.db");
        Database.open(file, List.of(new Migration0_1())).close();
        Migration broken = new Migration() {
            @Override
            public int from() {
                return 1;
            }

            @Override
            public void apply(Connection c) throws SQLException {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE partial(x)");
                    st.execute("THIS IS NOT SQL");
                }
            }
        };
        assertThatThrownBy(() -> Database.open(file, List.of(new Migration0_1(), broken)))
                .isInstanceOf(UserException.class);
        try (Database db = Database.open(file, List.of(new Migration0_1()))) {
            assertThat(db.schemaVersion()).isEqualTo(1);
            boolean partial = db.read(c -> tableExists(c, "partial"));
            assertThat(partial).isFalse();
        }
    }

    @Test
    void refusesAFileThatIsNotSqlite() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a database at all. ".repeat(20));
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(UserException.class)
                .hasMessage(file + " is not a SQLite database");
        assertThat(Files.readString(file)).startsWith("these are my notes");
    }

    @Test
    void refusesAnotherApplicationsSqliteDatabase() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE contacts(name TEXT)");
        }
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("another application");
    }

    @Test
    void refusesAFolder() {
        assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(UserException.class).hasMessageContaining("folder");
    }

    private static void setUserVersion(Path file, int version) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + version);
        }
    }

    static String pragma(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.getString(1);
        }
    }

    static boolean tableExists(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_schema WHERE name = '" + name + "'")) {
            return rs.getInt(1) == 1;
        }
    }

    /** A test step that adds one table. */
    private record AddTable(int from, String table) implements Migration {
        @Override
        public void apply(Connection c) throws SQLException {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + table + "(x INTEGER)");
            }
        }
    }
}

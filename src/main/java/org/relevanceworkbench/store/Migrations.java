package org.relevanceworkbench.store;

import java.util.List;

/** Every schema step this app knows, oldest first. Add a MigrationN_M here; never edit a shipped one. */
public final class Migrations {
    public static final List<Migration> ALL = List.of(new Migration0_1(), new Migration1_2(), new Migration2_3(),
            new Migration3_4(), new Migration4_5(), new Migration5_6(), new Migration6_7());

    private Migrations() {
    }

    /** The schema version this app writes. */
    public static int latest(List<Migration> steps) {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).to();
    }

    /** The oldest schema version this app can still upgrade. */
    public static int oldestUpgradable(List<Migration> steps) {
        return steps.isEmpty() ? 0 : steps.get(0).from();
    }
}

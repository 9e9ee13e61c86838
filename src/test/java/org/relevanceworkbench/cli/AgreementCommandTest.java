package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;

/**
 * {@code agreement} on a workspace of ten documents of topic 301/og that ann and bob judged as the
 * classic example has it (both relevant 4, ann only 1, bob only 2, neither 3: p_o 0.7, p_e 0.5,
 * κ 0.4), and a FollowIR run scoring ann's documents.
 */
class AgreementCommandTest {
    /** ann's and bob's grades of d1…d10, and the model's p(true) for each. */
    private static final int[] ANN = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    private static final int[] BOB = {1, 1, 1, 1, 0, 1, 1, 0, 0, 0};
    private static final double[] P_TRUE = {0.9, 0.8, 0.7, 0.6, 0.4, 0.55, 0.3, 0.2, 0.1, 0.05};

    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner();
    Path db;

    @BeforeEach
    void workspace() {
        db = dir.resolve("ws.db");
        try (Database workspace = Database.open(db)) {
            workspace.write(c -> {
                Collection films = new CollectionDao(c).create("films");
                JudgmentDao judgments = new JudgmentDao(c);
                RunDao runs = new RunDao(c);
                Run followir = runs.create(films.id(), new Run(0, "followir-og", "followir", "sha256:x", "t", "fp32",
                        2048, "control", "m", null));
                runs.create(films.id(), Run.imported("bm25", "bm25.run"));
                try (RunDao.Inserter scores = runs.inserter(followir.id())) {
                    for (int i = 0; i < ANN.length; i++) {
                        String doc = "d" + (i + 1);
                        judgments.record(films.id(), new Judgment("ann", "301", "og", doc, ANN[i], null, 1, null));
                        judgments.record(films.id(), new Judgment("bob", "301", "og", doc, BOB[i], null, 1, null));
                        scores.insert(RunScore.ranked("301", "og", doc, i + 1, P_TRUE[i]));
                    }
                }
                // a judgment the run has no score for, and one under another variant
                judgments.record(films.id(), new Judgment("ann", "301", "og", "d11", 1, null, 1, null));
                judgments.record(films.id(), new Judgment("ann", "301", "changed", "d1", 0, null, 1, null));
                judgments.record(films.id(), new Judgment("bob", "301", "changed", "d1", 0, null, 1, null));
                return null;
            });
        }
    }

    private CliRunner.Result agreement(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--db";
        all[1] = db.toString();
        all[2] = "agreement";
        all[3] = "--collection=films";
        System.arraycopy(args, 0, all, 4, args.length);
        return cli.run(all);
    }

    @Test
    void twoAssessorsGiveKappaWeightedKappaAndTheirGrades() {
        CliRunner.Result r = agreement("--assessors", "ann,bob", "--variant", "og");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "ann vs bob, collection films, all topics, variant og",
                "n                           10",
                "observed agreement          0.7000",
                "expected agreement          0.5000",
                "kappa                       0.4000",
                "weighted kappa, linear      0.4000",
                "weighted kappa, quadratic   0.4000",
                "grades (rows ann, columns bob)",
                "               0       1",
                "0              3       2",
                "1              1       4");
    }

    @Test
    void anUndefinedKappaIsSaidNotPrintedAsNaN() {
        // under 'changed' both judged only d1, both grade 0: p_e = 1
        CliRunner.Result r = agreement("--assessors", "ann,bob", "--topic", "301", "--variant", "changed");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("kappa                       undefined (expected agreement is 1: "
                + "both gave every item the same grade)").doesNotContain("NaN");
    }

    @Test
    void unknownAssessorsAndNothingInCommonAreOneLineErrors() {
        CliRunner.Result unknown = agreement("--assessors", "ann,zoe");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().lines()).containsExactly("error: no assessor named 'zoe' (assessors: ann, bob)");
        CliRunner.Result none = agreement("--assessors", "ann,bob", "--topic", "999");
        assertThat(none.err().lines()).containsExactly(
                "error: ann and bob judged no document in common in collection 'films' (topic 999, all variants)");
        CliRunner.Result noCollection = cli.run("--db", db.toString(), "agreement", "--collection", "tv",
                "--assessors", "ann,bob");
        assertThat(noCollection.err().lines()).containsExactly("error: no collection named 'tv' (collections: films)");
    }

    @Test
    void anAssessorAgainstTheModelAtTheDefaultAGivenAndTheCalibratedThreshold() {
        // ann relevant d1–d5; p ≥ 0.5: d1–d4, d6 → TP 4, FP 1, FN 1, TN 4; κ 0.6 (see ModelAgreementTest)
        CliRunner.Result r = agreement("--assessor", "ann", "--model-run", "followir-og");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "ann vs run followir-og, collection films, all topics and variants",
                "relevant grade              >= 1",
                "threshold                   0.500000 (default)",
                "n                           10",
                "TP (both relevant)          4",
                "FP (model only)             1",
                "FN (ann only)               1",
                "TN (neither)                4",
                "accuracy                    0.8000",
                "kappa                       0.6000");
        assertThat(r.err().lines()).containsExactly(
                "note: 2 of ann's judgments have no score in run 'followir-og' and are left out");
        // p ≥ 0.35 adds d5: TP 5, FP 1, FN 0, TN 4 → κ 0.8
        CliRunner.Result given = agreement("--assessor", "ann", "--model-run", "followir-og", "--threshold", "0.35",
                "--variant", "og");
        assertThat(given.out()).contains("threshold                   0.350000 (given)",
                "TP (both relevant)          5", "FN (ann only)               0", "kappa                       0.8000");
        // calibration: 0.35 and 0.575 both reach 0.8; 0.575 is closer to 0.5
        CliRunner.Result calibrated = agreement("--assessor", "ann", "--model-run", "followir-og", "--calibrate");
        assertThat(calibrated.out()).contains(
                "threshold                   0.575000 (calibrated: maximises kappa on these documents)",
                "FP (model only)             0", "kappa                       0.8000");
        // level 2: nobody is that relevant; the assessor column is all 'not relevant'
        CliRunner.Result level = agreement("--assessor", "ann", "--model-run", "followir-og", "--level", "2");
        assertThat(level.out()).contains("relevant grade              >= 2", "TP (both relevant)          0",
                "kappa                       0.0000");
    }

    @Test
    void theModelRunMustExistAndBeAFollowIrRun() {
        CliRunner.Result unknown = agreement("--assessor", "ann", "--model-run", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().lines()).containsExactly(
                "error: collection 'films' has no run named 'nope' (runs: bm25, followir-og)");
        CliRunner.Result bm25 = agreement("--assessor", "ann", "--model-run", "bm25");
        assertThat(bm25.err().lines()).containsExactly(
                "error: run 'bm25' was not scored by FollowIR (scorer 'imported'), so its scores are not p(true)");
        CliRunner.Result stranger = agreement("--assessor", "zoe", "--model-run", "followir-og");
        assertThat(stranger.err().lines()).containsExactly("error: no assessor named 'zoe' (assessors: ann, bob)");
    }

    @Test
    void optionsOfTheTwoModesDoNotMix() {
        assertThat(agreement("--assessors", "ann").exitCode()).isEqualTo(2);
        assertThat(agreement("--assessors", "ann,ann").exitCode()).isEqualTo(2);
        assertThat(agreement("--assessors", "ann,bob", "--calibrate").exitCode()).isEqualTo(2);
        assertThat(agreement("--assessor", "ann").exitCode()).isEqualTo(2);
        CliRunner.Result both = agreement("--assessor", "ann", "--model-run", "followir-og", "--threshold", "0.3",
                "--calibrate");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--threshold and --calibrate exclude each other");
    }
}

package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.judge.Agreement;
import org.relevanceworkbench.judge.ConfusionMatrix;
import org.relevanceworkbench.judge.JudgmentScope;
import org.relevanceworkbench.judge.ModelAgreement;
import org.relevanceworkbench.judge.ModelJudgments;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "agreement", description = {
    "Agreement between two assessors, or between an assessor and FollowIR.",
    "",
    "  agreement --collection C --assessors A,B [--topic T] [--variant V]",
    "Over the documents both judged (a document under another variant is",
    "another item): n, observed and expected agreement, Cohen's kappa, weighted",
    "kappa (linear, quadratic; categories: the grades either gave, in order) and",
    "the matrix of grades, rows A, columns B.",
    "",
    "  agreement --collection C --assessor A --model-run NAME",
    "            [--threshold P | --calibrate] [--level L] [--topic T] [--variant V]",
    "Relevant: grade >= L for the assessor, p(true) >= P for the model. Prints n,",
    "TP, FP, FN, TN, accuracy and kappa. --calibrate picks the threshold that",
    "maximises kappa (midpoints between the judged documents' scores, or 0.5;",
    "ties: the closest to 0.5).",
    "",
    "Lines are a label padded to 28 characters and a value; an undefined kappa",
    "prints as 'undefined (reason)'.",
    ""})
final class AgreementCommand extends WorkspaceCommand {
    private static final String ROW = "%-28s%s%n";

    @Mixin
    CollectionScopeOptions scoped;

    @Option(names = "--assessors", split = ",", paramLabel = "A,B", description = "two assessors to compare")
    List<String> assessors;

    @Option(names = "--assessor", paramLabel = "NAME", description = "the assessor to compare with the model")
    String assessor;

    @Option(names = "--model-run", paramLabel = "NAME", description = "a FollowIR run (from rerank)")
    String modelRun;

    @Option(names = "--threshold", paramLabel = "P",
            description = "the model says relevant when p(true) >= P (default 0.5)")
    Double threshold;

    @Option(names = "--calibrate", description = "use the threshold that maximises kappa instead")
    boolean calibrate;

    @Option(names = "--level", paramLabel = "GRADE",
            description = "the assessor says relevant when the grade is >= GRADE (default 1)")
    Integer level;

    @Option(names = "--by-condition", description = "one result per judging condition (suggested, blind, post-edit,"
            + " unrecorded); for two assessors, the documents both judged under that condition")
    boolean byCondition;

    @Override
    protected int run(Database db) {
        JudgmentScope scope = new JudgmentScope(scoped.topic, scoped.variant);
        if (byCondition) {
            return perCondition(db, scope);
        }
        return compare(db, scope);
    }

    /** The comparison once per condition the judgments in scope were made under, in a fixed order. */
    private int perCondition(Database db, JudgmentScope scope) {
        Collection c = db.read(conn -> new CollectionDao(conn).require(scoped.collection));
        java.util.Set<String> present = new java.util.TreeSet<>(CONDITION_ORDER);
        for (Judgment j : db.read(conn -> new JudgmentDao(conn).list(c.id()))) {
            if (scope.includes(j)) {
                present.add(j.conditionKind());
            }
        }
        int compared = 0;
        for (String kind : present) {
            try {
                compare(db, scope.under(kind));
                compared++;
            } catch (UserException nothingInCommon) {
                out().println(scope.under(kind).describe() + ": " + nothingInCommon.getMessage());
            }
            out().println();
        }
        if (compared == 0) {
            throw new UserException("no condition has judgments to compare in collection '" + c.name() + "'");
        }
        return Cli.OK;
    }

    /** suggested, blind, post-edit, then unrecorded (and anything else after, alphabetically). */
    private static final java.util.Comparator<String> CONDITION_ORDER = java.util.Comparator.comparingInt(
            (String k) -> {
                int at = List.of(Judgment.Condition.SUGGESTED, Judgment.Condition.BLIND, Judgment.Condition.POST_EDIT,
                        "unrecorded").indexOf(k);
                return at < 0 ? Integer.MAX_VALUE : at;
            }).thenComparing(java.util.Comparator.naturalOrder());

    private int compare(Database db, JudgmentScope scope) {
        if (assessors != null) {
            if (assessor != null || modelRun != null || threshold != null || calibrate || level != null) {
                throw usage("--assessors compares two assessors; --assessor, --model-run, --threshold, "
                        + "--calibrate and --level compare one with the model");
            }
            List<String> names = assessors.stream().map(String::strip).toList();
            if (names.size() != 2 || names.get(0).equals(names.get(1))) {
                throw usage("--assessors needs two different assessors, e.g. --assessors ann,bob");
            }
            return twoAssessors(db, names.get(0), names.get(1), scope);
        }
        if (assessor == null || modelRun == null) {
            throw usage("give --assessors A,B, or --assessor A with --model-run NAME");
        }
        if (threshold != null && calibrate) {
            throw usage("--threshold and --calibrate exclude each other");
        }
        if (threshold != null && !Double.isFinite(threshold)) {
            throw usage("--threshold must be a finite number");
        }
        return assessorAndModel(db, assessor.strip(), scope);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private int twoAssessors(Database db, String first, String second, JudgmentScope scope) {
        Collection c = db.read(conn -> new CollectionDao(conn).require(scoped.collection));
        requireAssessors(db, first, second);
        List<Judgment> judgments = db.read(conn -> new JudgmentDao(conn).list(c.id()));
        Agreement a = Agreement.of(judgments, first, second, scope);
        if (a.n() == 0) {
            throw new UserException(first + " and " + second + " judged no document in common in collection '"
                    + c.name() + "' (" + scope.describe() + ")");
        }
        PrintWriter out = out();
        out.println(first + " vs " + second + ", collection " + c.name() + ", " + scope.describe());
        out.printf(Locale.US, ROW, "n", a.n());
        out.printf(Locale.US, ROW, "observed agreement", decimal(a.kappa().observed()));
        out.printf(Locale.US, ROW, "expected agreement", decimal(a.kappa().expected()));
        out.printf(Locale.US, ROW, "kappa", a.kappa().format());
        out.printf(Locale.US, ROW, "weighted kappa, linear", a.linear().format());
        out.printf(Locale.US, ROW, "weighted kappa, quadratic", a.quadratic().format());
        printGrades(out, a.grades(), first, second);
        return Cli.OK;
    }

    /** The matrix of grades: a header of the second assessor's grades, a row per grade of the first. */
    private static void printGrades(PrintWriter out, ConfusionMatrix m, String first, String second) {
        out.println("grades (rows " + first + ", columns " + second + ")");
        int width = 8;
        StringBuilder header = new StringBuilder(String.format(Locale.US, "%-8s", ""));
        for (int grade : m.categories()) {
            header.append(String.format(Locale.US, "%" + width + "d", grade));
        }
        out.println(header);
        for (int i = 0; i < m.categories().size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.US, "%-8d", m.categories().get(i)));
            for (int j = 0; j < m.categories().size(); j++) {
                row.append(String.format(Locale.US, "%" + width + "d", m.count(i, j)));
            }
            out.println(row);
        }
    }

    private int assessorAndModel(Database db, String name, JudgmentScope scope) {
        Collection c = db.read(conn -> new CollectionDao(conn).require(scoped.collection));
        requireAssessors(db, name);
        ModelJudgments.Loaded loaded = new ModelJudgments(db).load(c, name, modelRun, scope);
        if (loaded.scored().isEmpty()) {
            throw new UserException("run '" + modelRun + "' scores none of the documents " + name
                    + " judged in collection '" + c.name() + "' (" + scope.describe() + ")");
        }
        if (loaded.notScored() > 0) {
            err().println("note: " + loaded.notScored() + " of " + name + "'s judgments have no score in run '"
                    + modelRun + "' and are left out");
        }
        int relevantFrom = level == null ? ModelAgreement.DEFAULT_LEVEL : level;
        ModelAgreement result;
        String how;
        if (calibrate) {
            Optional<ModelAgreement> best = ModelAgreement.calibrate(loaded.scored(), relevantFrom);
            result = best.orElseGet(() -> ModelAgreement.of(loaded.scored(), relevantFrom,
                    ModelAgreement.DEFAULT_THRESHOLD));
            how = best.isPresent() ? "calibrated: maximises kappa on these documents"
                    : "no threshold gives a defined kappa; default kept";
        } else {
            result = ModelAgreement.of(loaded.scored(), relevantFrom,
                    threshold == null ? ModelAgreement.DEFAULT_THRESHOLD : threshold);
            how = threshold == null ? "default" : "given";
        }
        PrintWriter out = out();
        out.println(name + " vs run " + modelRun + ", collection " + c.name() + ", " + scope.describe());
        out.printf(Locale.US, ROW, "relevant grade", ">= " + relevantFrom);
        out.printf(Locale.US, ROW, "threshold", String.format(Locale.US, "%.6f (%s)", result.threshold(), how));
        out.printf(Locale.US, ROW, "n", result.n());
        out.printf(Locale.US, ROW, "TP (both relevant)", result.truePositives());
        out.printf(Locale.US, ROW, "FP (model only)", result.falsePositives());
        out.printf(Locale.US, ROW, "FN (" + abbreviate(name) + " only)", result.falseNegatives());
        out.printf(Locale.US, ROW, "TN (neither)", result.trueNegatives());
        out.printf(Locale.US, ROW, "accuracy", decimal(result.accuracy()));
        out.printf(Locale.US, ROW, "kappa", result.kappa().format());
        return Cli.OK;
    }

    private static String abbreviate(String name) {
        return name.length() > 16 ? name.substring(0, 15) + "…" : name;
    }

    private static void requireAssessors(Database db, String... names) {
        List<String> known = db.read(conn -> new JudgmentDao(conn).assessors());
        for (String name : names) {
            if (!known.contains(name)) {
                throw new UserException("no assessor named '" + name + "'" + (known.isEmpty()
                        ? " (the workspace has no judgments yet)" : " (assessors: " + String.join(", ", known) + ")"));
            }
        }
    }

    private static String decimal(double value) {
        return String.format(Locale.US, "%.4f", value);
    }
}

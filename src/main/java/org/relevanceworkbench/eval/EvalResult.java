package org.relevanceworkbench.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.relevanceworkbench.eval.Measure.Kind;
import org.relevanceworkbench.eval.Measure.Setting;

/**
 * What {@link TrecEval#evaluate} found: per query and for 'all', values by trec_eval's value names ({@code map},
 * {@code P_10}, {@code ndcg_cut_10}...), and the rows trec_eval would print.
 */
public final class EvalResult {
    /** One query's values: per selected measure, one per value name; plus the text of text measures. */
    record QueryValues(double[][] values, String[] texts) {
    }

    private final List<Setting> settings;
    private final Map<String, QueryValues> perQuery;
    private final double[][] summary;
    private final String runId;

    EvalResult(List<Setting> settings, Map<String, QueryValues> perQuery, double[][] summary, String runId) {
        this.settings = settings;
        this.perQuery = perQuery;
        this.summary = summary;
        this.runId = runId;
    }

    /** The evaluated queries, in trec_eval's order. */
    public Set<String> queries() {
        return Collections.unmodifiableSet(perQuery.keySet());
    }

    public String runId() {
        return runId;
    }

    /** The number of queries averaged over (trec_eval's num_q). */
    public int numQueries() {
        return perQuery.size();
    }

    /** The measures evaluated, in output order. */
    public List<Measure> measures() {
        return settings.stream().map(s -> s.measure).toList();
    }

    /** A query's numeric values by value name, as trec_eval prints them under -q (no gm_*, num_q, runid). */
    public Map<String, Double> queryValues(String qid) {
        QueryValues q = perQuery.get(qid);
        if (q == null) {
            throw new NoSuchElementException("query " + qid + " was not evaluated");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int m = 0; m < settings.size(); m++) {
            Setting s = settings.get(m);
            if (s.measure.perQuery && s.measure.kind != Kind.TEXT) {
                for (int v = 0; v < s.size(); v++) {
                    values.put(s.valueNames.get(v), q.values()[m][v]);
                }
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** One value of one query ({@code value("301", "P_10")}). */
    public double value(String qid, String valueName) {
        Double v = queryValues(qid).get(valueName);
        if (v == null) {
            throw new NoSuchElementException("no value " + valueName + " for query " + qid);
        }
        return v;
    }

    /** A query's relstring (or relstring_N), when selected. */
    public Optional<String> relstring(String qid) {
        QueryValues q = perQuery.get(qid);
        for (int m = 0; q != null && m < settings.size(); m++) {
            if (settings.get(m).measure.name().equals("relstring")) {
                return Optional.of(q.texts()[m]);
            }
        }
        return Optional.empty();
    }

    /** The 'all' values by value name: averages, sums for counts, num_q. */
    public Map<String, Double> summary() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int m = 0; m < settings.size(); m++) {
            Setting s = settings.get(m);
            if (s.measure.printedInSummary() && s.measure.kind != Kind.TEXT) {
                for (int v = 0; v < s.size(); v++) {
                    values.put(s.valueNames.get(v), summary[m][v]);
                }
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** One 'all' value ({@code summary("map")}). */
    public double summary(String valueName) {
        Double v = summary().get(valueName);
        if (v == null) {
            throw new NoSuchElementException("no summary value " + valueName);
        }
        return v;
    }

    /** trec_eval's output: per-query blocks (when {@code perQuery}, as -q) then the 'all' rows (unless -n). */
    public List<String> lines(boolean perQueryRows, boolean summaryRows) {
        List<String> lines = new ArrayList<>();
        if (perQueryRows) {
            perQuery.forEach((qid, q) -> {
                for (int m = 0; m < settings.size(); m++) {
                    Setting s = settings.get(m);
                    if (s.measure.perQuery) {
                        addRows(lines, s, qid, q.values()[m], q.texts()[m]);
                    }
                }
            });
        }
        if (summaryRows) {
            for (int m = 0; m < settings.size(); m++) {
                Setting s = settings.get(m);
                if (s.measure.printedInSummary()) {
                    addRows(lines, s, "all", summary[m], s.measure.summary == Measure.Summary.RUN_ID ? runId : null);
                }
            }
        }
        return lines;
    }

    private static void addRows(List<String> lines, Setting s, String qid, double[] values, String text) {
        for (int v = 0; v < s.size(); v++) {
            String shown = switch (s.measure.kind) {
                case FLOAT -> TrecFormat.float4(values[v]);
                case LONG -> TrecFormat.count(values[v]);
                case TEXT -> s.measure.name().equals("relstring") ? "'" + text + "'" : text;
            };
            lines.add(TrecFormat.row(s.valueNames.get(v), qid, shown));
        }
    }
}

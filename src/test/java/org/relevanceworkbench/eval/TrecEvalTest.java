package org.relevanceworkbench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small cases computed by hand, each pinning one trec_eval convention. */
class TrecEvalTest {
    static final double EPS = 1e-12;

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static Results run(Map<String, List<ScoredDoc>> ranking) {
        return Results.of("run1", ranking);
    }

    static List<ScoredDoc> docs(Object... docnoScorePairs) {
        ScoredDoc[] docs = new ScoredDoc[docnoScorePairs.length / 2];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = new ScoredDoc((String) docnoScorePairs[2 * i], ((Number) docnoScorePairs[2 * i + 1]).doubleValue());
        }
        return List.of(docs);
    }

    @Test
    void equalScoresRankTheDocnoThatSortsLaterFirst() {
        // form_res_rels.c breaks ties with strcmp(second, first): docno DEScending, whatever the file order
        QueryMetrics m = QueryMetrics.of(Map.of("d1", 1, "d2", 0), docs("d1", 1.0, "d2", 1.0));
        assertThat(m.relstring(10)).isEqualTo("01");
        assertThat(m.reciprocalRank()).isEqualTo(0.5);
        assertThat(m.precisionAt(1)).isZero();
        assertThat(m.averagePrecision()).isEqualTo(0.5);

        // byte order, not numeric: "doc9" > "doc10", so doc9 ranks first
        QueryMetrics numeric = QueryMetrics.of(Map.of("doc10", 1), docs("doc10", 2.5, "doc9", 2.5));
        assertThat(numeric.relstring(2)).isEqualTo("-1");
        // a higher score still wins over the docno
        assertThat(QueryMetrics.of(Map.of("d1", 1), docs("d2", 1.0, "d1", 1.5)).relstring(2)).isEqualTo("1-");
    }

    @Test
    void aQueryWithNoRelevantDocumentScoresZeroButCountsInTheAverage() {
        Qrels qrels = Qrels.of(Map.of("q1", Map.of("a", 0, "b", 0), "q2", Map.of("c", 1)));
        Results results = run(Map.of("q1", docs("a", 2, "b", 1), "q2", docs("c", 1)));
        EvalResult r = TrecEval.evaluate(qrels, results, EvalOptions.DEFAULT.withMeasures("all_trec"));
        assertThat(r.queries()).containsExactly("q1", "q2");
        Map<String, Double> q1 = r.queryValues("q1");
        for (String name : List.of("num_rel", "num_rel_ret", "map", "Rprec", "bpref", "recip_rank", "P_5", "recall_5",
                "ndcg", "ndcg_cut_10", "infAP", "set_recall", "relative_P_5", "map_cut_5", "Rndcg", "ndcg_rel", "G")) {
            assertThat(q1.get(name)).as(name).isZero();
        }
        assertThat(q1.get("num_ret")).isEqualTo(2);
        assertThat(q1.get("num_nonrel_judged_ret")).isEqualTo(2);
        assertThat(r.summary("num_q")).isEqualTo(2);
        assertThat(r.summary("map")).isEqualTo(0.5); // (0 + 1) / 2
        assertThat(r.summary("gm_map")).isCloseTo(Math.sqrt(0.00001), within(EPS)); // AP floored at 1e-5
    }

    @Test
    void completeQrelsScoresAQueryMissingFromTheResultsAsZero() {
        Qrels qrels = Qrels.of(Map.of("q1", Map.of("d1", 1, "d2", 1, "d3", 0), "q2", Map.of("e1", 1, "e2", 0)));
        Results results = run(Map.of("q1", docs("d1", 3, "d3", 2, "d2", 1), "q9", docs("x", 1)));
        double ap1 = (1.0 / 1 + 2.0 / 3) / 2;

        EvalResult intersection = TrecEval.evaluate(qrels, results, EvalOptions.DEFAULT.withMeasures("all_trec"));
        assertThat(intersection.queries()).containsExactly("q1"); // q2 has no results, q9 no qrels
        assertThat(intersection.summary("map")).isCloseTo(ap1, within(EPS));

        EvalResult complete = TrecEval.evaluate(qrels, results,
                EvalOptions.DEFAULT.withCompleteQrels(true).withMeasures("all_trec"));
        assertThat(complete.queries()).containsExactly("q1", "q2");
        assertThat(complete.summary("num_q")).isEqualTo(2);
        assertThat(complete.summary("map")).isCloseTo(ap1 / 2, within(EPS));
        assertThat(complete.summary("gm_map")).isCloseTo(Math.exp((Math.log(ap1) + Math.log(0.00001)) / 2), within(EPS));
        assertThat(complete.summary("num_ret")).isEqualTo(3); // the stand-in document is not counted
        assertThat(complete.summary("num_rel")).isEqualTo(3);
        Map<String, Double> q2 = complete.queryValues("q2");
        assertThat(q2.get("num_ret")).isZero();
        assertThat(q2.get("num_rel")).isEqualTo(1);
        assertThat(q2.get("utility")).isZero();
        assertThat(q2.get("unj_5")).isZero();
        assertThat(q2.get("rbp_resid")).isZero();
        assertThat(q2.entrySet()).allSatisfy(e -> assertThat(e.getKey().equals("num_rel") || e.getValue() == 0)
                .as(e.getKey() + " = " + e.getValue()).isTrue());
        assertThat(complete.relstring("q2")).contains("");
        assertThat(complete.lines(true, false)).contains("relstring             \tq2\t''\n",
                "num_ret               \tq2\t0\n", "map                   \tq2\t0.0000\n");
    }

    @Test
    void maxResultsCutsEachRankingBeforeAnyMeasure() {
        Qrels qrels = Qrels.of(Map.of("q1", Map.of("a", 1, "b", 1, "c", 1)));
        Results results = run(Map.of("q1", docs("a", 5, "x", 4, "b", 3, "c", 2, "y", 1)));
        EvalResult all = TrecEval.evaluate(qrels, results, EvalOptions.DEFAULT.withMeasures("all_trec"));
        assertThat(all.value("q1", "num_ret")).isEqualTo(5);
        assertThat(all.value("q1", "P_5")).isEqualTo(0.6);

        EvalResult cut = TrecEval.evaluate(qrels, results,
                EvalOptions.DEFAULT.withMaxResultsPerQuery(2).withMeasures("all_trec"));
        assertThat(cut.value("q1", "num_ret")).isEqualTo(2);
        assertThat(cut.value("q1", "num_rel_ret")).isEqualTo(1);
        assertThat(cut.value("q1", "P_5")).isEqualTo(0.2); // the missing ranks count as nonrelevant
        assertThat(cut.value("q1", "recall_5")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(cut.value("q1", "map")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(cut.value("q1", "set_P")).isEqualTo(0.5); // set measures see only the kept documents
        assertThat(cut.relstring("q1")).contains("1-");
    }

    @Test
    void relevanceLevelTwoMakesGradeOneNonrelevantForBinaryMeasuresOnly() {
        Qrels qrels = Qrels.of(Map.of("q1", Map.of("a", 2, "b", 1, "c", 0, "d", 2)));
        Results results = run(Map.of("q1", docs("b", 4, "a", 3, "c", 2, "d", 1)));
        EvalResult level1 = TrecEval.evaluate(qrels, results, EvalOptions.DEFAULT.withMeasures("all_trec"));
        EvalResult level2 = TrecEval.evaluate(qrels, results,
                EvalOptions.DEFAULT.withRelevanceLevel(2).withMeasures("all_trec"));

        assertThat(level1.value("q1", "num_rel")).isEqualTo(3);
        assertThat(level1.value("q1", "map")).isCloseTo((1.0 + 1.0 + 3.0 / 4) / 3, within(EPS));
        assertThat(level2.value("q1", "num_rel")).isEqualTo(2);
        assertThat(level2.value("q1", "map")).isCloseTo((1.0 / 2 + 2.0 / 4) / 2, within(EPS));
        assertThat(level2.value("q1", "P_5")).isEqualTo(0.4);
        assertThat(level2.value("q1", "recip_rank")).isEqualTo(0.5);
        // bpref: b and c are the judged nonrelevant; a has 1 of them above, d both: (1 - 1/2 + 1 - 2/2) / 2
        assertThat(level2.value("q1", "bpref")).isEqualTo(0.25);

        // graded measures use the grades themselves, whatever -l says
        double dcg = 1 + 2 / log2(3) + 2 / log2(5);
        double ideal = 2 + 2 / log2(3) + 1 / log2(4);
        assertThat(level1.value("q1", "ndcg")).isCloseTo(dcg / ideal, within(EPS));
        assertThat(level2.value("q1", "ndcg")).isEqualTo(level1.value("q1", "ndcg"));
        assertThat(level2.value("q1", "ndcg_cut_10")).isEqualTo(level1.value("q1", "ndcg_cut_10"));
    }

    @Test
    void gradedNdcgUsesTheGradeAsGainAndLog2OfRankPlusOne() {
        Map<String, Integer> grades = Map.of("d1", 1, "d2", 2, "d3", 0, "d4", 2);
        QueryMetrics m = QueryMetrics.ofRankOrder(grades, List.of("d1", "d2", "d3")); // d4 never retrieved
        double dcg = 1 / log2(2) + 2 / log2(3);
        assertThat(m.ndcg()).isCloseTo(dcg / (2 + 2 / log2(3) + 1 / log2(4)), within(EPS));
        assertThat(m.ndcgAt(1)).isEqualTo(0.5);
        assertThat(m.ndcgAt(2)).isCloseTo(dcg / (2 + 2 / log2(3)), within(EPS));
        assertThat(m.ndcgAt(3)).isCloseTo(dcg / (2 + 2 / log2(3) + 1 / log2(4)), within(EPS));
        assertThat(m.ndcgAt(1000)).isEqualTo(m.ndcg());
        // level=gain parameters override the gains of ndcg (not of ndcg_cut)
        assertThat(m.value("ndcg.1=0")).isCloseTo((2 / log2(3)) / (2 + 2 / log2(3)), within(EPS));
        assertThat(m.values("ndcg.1=0")).containsOnlyKeys("ndcg_1=0");
    }

    @Test
    void judgedAtKCountsTheTopKThatHaveAJudgment() {
        // x is not in the qrels; y is in them with a negative grade (pooled but unjudged)
        Map<String, Integer> grades = Map.of("d1", 1, "d3", 0, "y", -1, "d9", 1);
        QueryMetrics m = QueryMetrics.ofRankOrder(grades, List.of("d1", "x", "d3", "y"));
        assertThat(m.relstring(10)).isEqualTo("1-0.");
        assertThat(m.judgedAt(1)).isEqualTo(1.0);
        assertThat(m.judgedAt(2)).isEqualTo(0.5);
        assertThat(m.judgedAt(4)).isEqualTo(0.5);
        assertThat(m.judgedAt(10)).isEqualTo(0.2); // ranks past the end are not judged
        assertThat(m.unjudgedAt(4)).isEqualTo(0.5);
        assertThat(m.unjudgedAt(10)).isEqualTo(0.2);
        assertThat(m.numRelevant()).isEqualTo(2);
        assertThat(m.recallAt(1)).isEqualTo(0.5);
        assertThatThrownBy(() -> m.judgedAt(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocnoRetrievedTwiceFailsOnlyWhereTrecEvalLooks() {
        Qrels qrels = Qrels.of(Map.of("q1", Map.of("a", 1)));
        Results twice = run(Map.of("q1", List.of(new ScoredDoc("a", 3, 1), new ScoredDoc("b", 2, 2),
                new ScoredDoc("a", 1, 3))));
        assertThatThrownBy(() -> TrecEval.evaluate(qrels, twice, EvalOptions.DEFAULT, "run.txt"))
                .isInstanceOf(TrecEvalException.class)
                .hasMessage("run.txt:3: document a is retrieved twice for topic q1");
        // trec_eval checks after -M: the second 'a' is cut away, so all is well
        EvalResult cut = TrecEval.evaluate(qrels, twice, EvalOptions.DEFAULT.withMaxResultsPerQuery(2), "run.txt");
        assertThat(cut.summary("num_ret")).isEqualTo(2);
        // and only queries it evaluates: a duplicate in a topic without qrels is ignored
        Results elsewhere = run(Map.of("q1", docs("a", 1), "q7", docs("z", 1, "z", 2)));
        assertThat(TrecEval.evaluate(qrels, elsewhere, EvalOptions.DEFAULT).summary("num_q")).isEqualTo(1);
    }

    @Test
    void measureArgumentsFollowTrecEvalsRules() {
        assertThat(TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("ndcg_cut.10", "map")))
                .as("trec_eval's order, not the command line's").containsExactly("map", "ndcg_cut_10");
        assertThat(TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("P.20,5"))).containsExactly("P_5", "P_20");
        assertThat(TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("P.5", "P.10")))
                .as("the first parameters given win").containsExactly("P_5");
        assertThat(TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("iprec_at_recall.0.5", "relstring.20",
                "set_F.0.5"))).containsExactly("iprec_at_recall_0.50", "relstring_20", "set_F_0.5");
        assertThat(TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("set")))
                .containsExactly("runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "utility", "set_P",
                        "set_relative_P", "set_recall", "set_map", "set_F");
        assertThatThrownBy(() -> TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("ndcg@10")))
                .isInstanceOf(TrecEvalException.class).hasMessageStartingWith("illegal measure 'ndcg@10'");
        assertThatThrownBy(() -> TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("P.")))
                .isInstanceOf(TrecEvalException.class).hasMessageContaining("improper measure");
        assertThatThrownBy(() -> TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("P.5,5")))
                .isInstanceOf(TrecEvalException.class).hasMessageContaining("duplicate cutoff");
        assertThatThrownBy(() -> TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("P.0")))
                .isInstanceOf(TrecEvalException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("utility.1,2")))
                .isInstanceOf(TrecEvalException.class).hasMessageContaining("4 coefficients");
    }

    @Test
    void noQueryInCommonIsAnError() {
        Qrels qrels = Qrels.of(Map.of("q1", Map.of("a", 1)));
        Results results = run(Map.of("q2", docs("a", 1)));
        assertThatThrownBy(() -> TrecEval.evaluate(qrels, results, EvalOptions.DEFAULT))
                .isInstanceOf(TrecEvalException.class).hasMessageContaining("no queries with both");
        assertThat(TrecEval.evaluate(qrels, results, EvalOptions.DEFAULT.withCompleteQrels(true)).summary("map"))
                .isZero();
    }

    @Test
    void queriesAndDocnosCompareAsStrcmpDoesOnUtf8Bytes() {
        // U+FFFD sorts before U+1F600 in UTF-8 bytes, but after its surrogates in UTF-16
        assertThat(StrcmpOrder.compare("\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat("\uFFFD".compareTo("\uD83D\uDE00")).isPositive();
        assertThat(StrcmpOrder.compare("10", "9")).isNegative();
        Qrels qrels = Qrels.of(Map.of("9", Map.of("a", 1), "10", Map.of("a", 1), "\uD83D\uDE00", Map.of("a", 1),
                "\uFFFD", Map.of("a", 1)));
        assertThat(qrels.topics()).containsExactly("10", "9", "\uFFFD", "\uD83D\uDE00");
    }
}

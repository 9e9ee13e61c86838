package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relevanceworkbench.attribution.Attribution;
import org.relevanceworkbench.attribution.ClauseSummary;
import org.relevanceworkbench.attribution.Clauses;
import org.relevanceworkbench.attribution.Cost;
import org.relevanceworkbench.attribution.DeltaColors;
import org.relevanceworkbench.attribution.DocumentAttribution;

/** The heat map's data from known scores: columns, Δ, colours, sorting, the summary and the texts. */
class AttributionHeatMapTest {
    /** Three documents, two clauses, the query alone, clause-alone; known scores. */
    static Attribution known(boolean clauseAlone) {
        Clauses clauses = new Clauses(List.of("Only films he wrote alone.", "Directing does not count."));
        List<DocumentAttribution> docs = List.of(
                new DocumentAttribution("a", "Avatar", 0.90, 0.40, List.of(0.20, 0.95), clauseAlone
                        ? List.of(0.30, 0.60) : List.of()),
                new DocumentAttribution("b", "Titanic", 0.30, 0.35, List.of(0.30, 0.10), clauseAlone
                        ? List.of(0.50, 0.20) : List.of()),
                new DocumentAttribution("c", null, 0.60, 0.60, List.of(0.65, 0.55), clauseAlone
                        ? List.of(0.61, 0.62) : List.of()));
        List<ClauseSummary> summaries = List.of(
                new ClauseSummary(1, clauses.get(0), clauses.without(0), 1, 0.2533, 0.3333, -0.25),
                new ClauseSummary(2, clauses.get(1), clauses.without(1), 0, 0.1167, 1.0, null));
        ClauseSummary query = new ClauseSummary(0, null, "", 1, 0.1833, Double.NaN, 0.125);
        return new Attribution("james-cameron", "cameron", "og", "What movies were written by James Cameron?",
                "Only films he wrote alone. Directing does not count.", clauses, true, clauseAlone, docs, summaries,
                query, null, new Cost(15, 3));
    }

    /** A synthetic attribution of {@code docs} documents × {@code clauses} clauses, random scores. */
    static Attribution synthetic(int docs, int clauses, long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < clauses; k++) {
            texts.add("Clause number " + (k + 1) + " says something rather long about what is relevant here.");
        }
        Clauses cut = new Clauses(texts);
        List<DocumentAttribution> rows = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            List<Double> without = new ArrayList<>();
            for (int k = 0; k < clauses; k++) {
                without.add(random.nextDouble());
            }
            rows.add(new DocumentAttribution(String.format("DOC-%03d", d), "Document " + d, random.nextDouble(),
                    random.nextDouble(), without, List.of()));
        }
        List<ClauseSummary> summaries = new ArrayList<>();
        for (int k = 0; k < clauses; k++) {
            summaries.add(new ClauseSummary(k + 1, cut.get(k), cut.without(k), random.nextInt(docs), 0.3, 0.2, 0.01));
        }
        return new Attribution("synthetic", "1", "changed", "a query", cut.text(), cut, true, false, rows, summaries,
                new ClauseSummary(0, null, "", 3, 0.3, 0.1, null), null, new Cost(docs * (clauses + 2), 0));
    }

    @Test
    void columnsAreTheClausesThenTheQueryAloneThenEachClauseAlone() {
        AttributionHeatMap map = AttributionHeatMap.of(known(true), true);
        assertThat(map.columns()).extracting(AttributionHeatMap.Column::header)
                .containsExactly("1", "2", "query", "1 alone", "2 alone");
        assertThat(map.columns()).extracting(AttributionHeatMap.Column::name)
                .containsExactly("without clause 1", "without clause 2", "query alone", "clause 1 alone",
                        "clause 2 alone");
        assertThat(map.column(0).text()).isEqualTo("Only films he wrote alone.");
        assertThat(map.column(3).summary()).isNull();
        assertThat(AttributionHeatMap.of(known(false), true).columnCount()).isEqualTo(3);
    }

    @Test
    void cellsAreDeltasFromTheKnownScoresColouredOnTheDivergingScale() {
        AttributionHeatMap map = AttributionHeatMap.of(known(true), true);
        // rows by p_full, highest first: a (0.90), c (0.60), b (0.30)
        assertThat(map.docIds()).containsExactly("a", "c", "b");
        assertThat(map.delta(0, 0)).isCloseTo(0.20 - 0.90, within(1e-12));
        assertThat(map.delta(0, 1)).isCloseTo(0.95 - 0.90, within(1e-12));
        assertThat(map.delta(0, 2)).isCloseTo(0.40 - 0.90, within(1e-12));
        assertThat(map.delta(2, 3)).isCloseTo(0.50 - 0.30, within(1e-12));
        assertThat(map.scored(1, 4)).isEqualTo(0.62);
        assertThat(map.range()).isEqualTo(1.0);
        assertThat(map.rgb(0, 0)).isEqualTo(DeltaColors.rgb(-0.70, 1));
        int leans = map.rgb(0, 0); // the score leans on clause 1: red
        assertThat(leans >> 16 & 0xff).isGreaterThan(leans & 0xff);
        int holdsDown = map.rgb(2, 1); // b without clause 2 falls 0.2: red; c without clause 1 rises: blue
        assertThat(holdsDown >> 16 & 0xff).isGreaterThan(holdsDown & 0xff);
        int rises = map.rgb(1, 0);
        assertThat(rises & 0xff).isGreaterThan(rises >> 16 & 0xff);
        assertThat(map.cellText(0, 0)).isEqualTo("-0.70");
        assertThat(map.cellText(1, 2)).isEqualTo("0.00");
        assertThat(map.pFullText(0)).isEqualTo("0.9000");
    }

    @Test
    void theSummaryRowIsEachColumnsFlipsMeanDeltaTauAndPmrr() {
        AttributionHeatMap map = AttributionHeatMap.of(known(true), true);
        assertThat(map.summaries()).containsExactly(AttributionHeatMap.Summary.FLIPS,
                AttributionHeatMap.Summary.MEAN_ABS_DELTA, AttributionHeatMap.Summary.KENDALL_TAU,
                AttributionHeatMap.Summary.P_MRR);
        assertThat(map.summaryText(AttributionHeatMap.Summary.FLIPS, 0)).isEqualTo("1");
        assertThat(map.summaryText(AttributionHeatMap.Summary.MEAN_ABS_DELTA, 0)).isEqualTo("0.253");
        assertThat(map.summaryText(AttributionHeatMap.Summary.KENDALL_TAU, 1)).isEqualTo("1.000");
        assertThat(map.summaryText(AttributionHeatMap.Summary.P_MRR, 0)).isEqualTo("-0.250");
        assertThat(map.summaryText(AttributionHeatMap.Summary.P_MRR, 1)).isEqualTo("—");
        assertThat(map.summaryText(AttributionHeatMap.Summary.KENDALL_TAU, 2)).isEqualTo("n/a");
        assertThat(map.summaryText(AttributionHeatMap.Summary.P_MRR, 2)).isEqualTo("+0.125");
        assertThat(map.summaryText(AttributionHeatMap.Summary.FLIPS, 3)).isEqualTo("—"); // none for clause-alone
        Attribution noQrels = synthetic(3, 2, 1);
        assertThat(AttributionHeatMap.of(new Attribution(noQrels.collection(), noQrels.topicId(), noQrels.variant(),
                noQrels.query(), noQrels.instruction(), noQrels.clauses(), true, false, noQrels.documents(),
                noQrels.summaries().stream().map(s -> new ClauseSummary(s.index(), s.clause(), s.instruction(),
                        s.flips(), s.meanAbsDelta(), s.kendallTau(), null)).toList(), noQrels.queryAlone(), null,
                noQrels.cost()), true).summaries()).doesNotContain(AttributionHeatMap.Summary.P_MRR);
    }

    @Test
    void rowsSortByAnyColumnByPFullAndByIdAndAHeaderClickTogglesTheOrder() {
        AttributionHeatMap map = AttributionHeatMap.of(known(false), true);
        assertThat(map.sort()).isEqualTo(new AttributionHeatMap.Sort(AttributionHeatMap.P_FULL, true));
        // clause 1's Δ: a −0.70, b 0.00, c +0.05 → lowest first (the documents that lean on the clause on top)
        AttributionHeatMap byClause1 = map.toggled(0);
        assertThat(byClause1.docIds()).containsExactly("a", "b", "c");
        assertThat(byClause1.toggled(0).docIds()).containsExactly("c", "b", "a");
        // clause 2's Δ: a +0.05, b −0.20, c −0.05
        assertThat(map.toggled(1).docIds()).containsExactly("b", "c", "a");
        assertThat(map.toggled(2).docIds()).containsExactly("a", "c", "b"); // query alone: −0.50, 0, +0.05
        assertThat(map.toggled(AttributionHeatMap.P_FULL).docIds()).containsExactly("b", "c", "a");
        assertThat(map.toggled(AttributionHeatMap.DOCUMENT).docIds()).containsExactly("a", "b", "c");
        assertThat(map.toggled(AttributionHeatMap.DOCUMENT).toggled(AttributionHeatMap.DOCUMENT).docIds())
                .containsExactly("c", "b", "a");
        assertThat(byClause1.rowOf("c")).isEqualTo(2);
        assertThat(byClause1.rowOf("nope")).isEqualTo(-1);
        assertThat(byClause1.row(0).title()).isEqualTo("Avatar");
        assertThatThrownBy(() -> map.sorted(new AttributionHeatMap.Sort(3, false)))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void tiesKeepTheCandidatesOrder() {
        Attribution a = synthetic(6, 2, 5);
        List<DocumentAttribution> same = a.documents().stream().map(d -> new DocumentAttribution(d.docId(), d.title(),
                0.5, 0.5, List.of(0.5, 0.5), List.of())).toList();
        AttributionHeatMap map = AttributionHeatMap.of(new Attribution(a.collection(), a.topicId(), a.variant(),
                a.query(), a.instruction(), a.clauses(), true, false, same, a.summaries(), a.queryAlone(), null,
                a.cost()), true);
        List<String> candidates = same.stream().map(DocumentAttribution::docId).toList();
        assertThat(map.docIds()).isEqualTo(candidates);
        assertThat(map.toggled(1).docIds()).isEqualTo(candidates);
        assertThat(map.toggled(1).toggled(1).docIds()).isEqualTo(candidates);
    }

    @Test
    void bm25DeltasUseTheirOwnRoundedScale() {
        assertThat(AttributionHeatMap.niceRange(0.3)).isEqualTo(0.5);
        assertThat(AttributionHeatMap.niceRange(4.2)).isEqualTo(5.0);
        assertThat(AttributionHeatMap.niceRange(1.0)).isEqualTo(1.0);
        assertThat(AttributionHeatMap.niceRange(0)).isEqualTo(1.0);
        AttributionHeatMap map = AttributionHeatMap.of(known(false), false);
        assertThat(map.probabilities()).isFalse();
        assertThat(map.range()).isEqualTo(1.0); // the largest |Δ| is 0.70
        assertThat(map.cellTooltip(0, 0)).contains("BM25_full 0.900 → BM25_without 0.200 · Δ -0.700");
    }

    @Test
    void tooltipsNameTheDocumentTheClauseAndBothScores() {
        AttributionHeatMap map = AttributionHeatMap.of(known(true), true);
        assertThat(map.cellTooltip(0, 0)).isEqualTo("a · without clause 1\n“Only films he wrote alone.”\n"
                + "p_full 0.9000 → p_without 0.2000 · Δp -0.7000");
        assertThat(map.cellTooltip(0, 2)).isEqualTo("a · query alone\np_full 0.9000 → p_query_alone 0.4000"
                + " · Δp -0.5000");
        assertThat(map.cellTooltip(2, 3)).contains("b · clause 1 alone").contains("p_alone 0.5000");
        assertThat(map.headerTooltip(1)).startsWith("Clause 2: Directing does not count.")
                .contains("flips 0 · mean |Δp| 0.117 · τ 1.000 · p-MRR —");
        assertThat(map.rowTooltip(1)).isEqualTo("c\np_full 0.6000 (with the whole instruction)");
    }
}

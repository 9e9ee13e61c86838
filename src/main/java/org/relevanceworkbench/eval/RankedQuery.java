package org.relevanceworkbench.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One query's results joined with its judgments, as trec_eval's form_res_rels.c builds them: documents ranked by
 * score descending, ties broken by docno DEScending (strcmp of the second against the first), cut to {@code -M},
 * each carrying its grade, {@link #NONPOOL} when the qrels do not mention it, or {@link #UNJUDGED} when the qrels
 * give it a negative grade. Every measure is computed from this alone.
 */
final class RankedQuery {
    /** A retrieved document the qrels do not mention (trec_eval's RELVALUE_NONPOOL). */
    static final int NONPOOL = -1;
    /** A retrieved document the qrels list with a negative grade (trec_eval's RELVALUE_UNJUDGED). */
    static final int UNJUDGED = -2;

    final String qid;
    final String[] docnos;
    /** Grade (or NONPOOL/UNJUDGED) of the document at each rank, rank 1 first. */
    final int[] rel;
    final int relevanceLevel;
    final long numRet;
    final long numRel;
    final long numRelRet;
    final long numNonpool;
    final long numUnjudged;
    /** Judged documents (grade >= 0) of the query per grade, retrieved or not. */
    final long[] relLevels;
    /** 1 + the highest grade with at least one judged document; 0 when none. */
    final int numRelLevels;
    final long numDocsInCollection;

    private RankedQuery(String qid, String[] docnos, int[] rel, Map<String, Integer> judgments, int relevanceLevel,
            long numDocsInCollection) {
        this.qid = qid;
        this.docnos = docnos;
        this.rel = rel;
        this.relevanceLevel = relevanceLevel;
        this.numDocsInCollection = numDocsInCollection;
        int maxGrade = -1;
        for (int grade : judgments.values()) {
            maxGrade = Math.max(maxGrade, grade);
        }
        relLevels = new long[maxGrade + 1];
        for (int grade : judgments.values()) {
            if (grade >= 0) {
                relLevels[grade]++;
            }
        }
        int levels = 0;
        long relevant = 0;
        for (int g = 0; g < relLevels.length; g++) {
            if (relLevels[g] > 0) {
                levels = g + 1;
                if (g >= relevanceLevel) {
                    relevant += relLevels[g];
                }
            }
        }
        numRelLevels = levels;
        numRel = relevant;
        long relRet = 0;
        long nonpool = 0;
        long unjudged = 0;
        for (int r : rel) {
            if (r == NONPOOL) {
                nonpool++;
            } else if (r == UNJUDGED) {
                unjudged++;
            } else if (r >= relevanceLevel) {
                relRet++;
            }
        }
        numRet = rel.length;
        numRelRet = relRet;
        numNonpool = nonpool;
        numUnjudged = unjudged;
    }

    /**
     * Ranks {@code docs} against {@code judgments}. Fails, as trec_eval does, when a docno appears twice among the
     * first {@code maxResults} ranked documents ({@code source} names the results in that message).
     */
    static RankedQuery rank(String qid, Map<String, Integer> judgments, List<ScoredDoc> docs, int relevanceLevel,
            long maxResults, long numDocsInCollection, String source) {
        List<ScoredDoc> ranked = new ArrayList<>(docs);
        ranked.sort(RankedQuery::trecOrder);
        int n = (int) Math.min(ranked.size(), maxResults);
        String[] docnos = new String[n];
        int[] rel = new int[n];
        Map<String, ScoredDoc> seen = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            ScoredDoc doc = ranked.get(i);
            ScoredDoc before = seen.put(doc.docno(), doc);
            if (before != null) {
                long line = Math.max(before.line(), doc.line());
                throw new TrecEvalException(source + (line > 0 ? ":" + line : "") + ": document " + doc.docno()
                        + " is retrieved twice for topic " + qid);
            }
            docnos[i] = doc.docno();
            Integer grade = judgments.get(doc.docno());
            rel[i] = grade == null ? NONPOOL : grade < 0 ? UNJUDGED : grade;
        }
        return new RankedQuery(qid, docnos, rel, judgments, relevanceLevel, numDocsInCollection);
    }

    /** form_res_rels.c's comp_sim_docno: higher score first; equal scores: the docno that sorts LATER first. */
    static int trecOrder(ScoredDoc a, ScoredDoc b) {
        if (a.score() > b.score()) {
            return -1;
        }
        if (a.score() < b.score()) {
            return 1;
        }
        return StrcmpOrder.compare(b.docno(), a.docno());
    }

    boolean isRelevant(int index) {
        return rel[index] >= relevanceLevel;
    }

    /** Relevant documents among the first {@code k} retrieved. */
    long relevantInTop(long k) {
        long found = 0;
        for (int i = 0; i < Math.min(k, numRet); i++) {
            if (isRelevant(i)) {
                found++;
            }
        }
        return found;
    }

    /** Grade levels below the relevance level, counted over the judged documents (bpref's nonrelevant pool). */
    long judgedNonrelevant() {
        long n = 0;
        for (int g = 0; g < relevanceLevel && g < relLevels.length; g++) {
            n += relLevels[g];
        }
        return n;
    }
}

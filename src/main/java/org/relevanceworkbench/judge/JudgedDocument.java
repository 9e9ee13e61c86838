package org.relevanceworkbench.judge;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** One document of a topic variant with every assessor's grade for it (assessors alphabetically). */
public record JudgedDocument(String docId, SortedMap<String, Integer> grades) {

    public JudgedDocument {
        grades = Collections.unmodifiableSortedMap(new TreeMap<>(grades));
        if (grades.isEmpty()) {
            throw new IllegalArgumentException("a judged document needs at least one judgment");
        }
    }

    public int assessors() {
        return grades.size();
    }

    /** Highest grade minus lowest: 0 when all agree, 2 for a 0-vs-2 disagreement. */
    public int spread() {
        int min = grades.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = grades.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        return max - min;
    }

    /** Judged by two or more assessors who gave different grades. */
    public boolean isDisagreement() {
        return spread() > 0;
    }
}

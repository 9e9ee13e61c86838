package org.relevanceworkbench.attribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relevanceworkbench.model.FollowIrPrompt;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.Variant;

/**
 * A checked attribution request, resolved against the workspace but not yet scored: the topic, the instruction and
 * its clauses, the candidates, and every instruction text to score with the documents it needs. Texts that give
 * FollowIR the same {@code {query}} are scored once (leaving out the only clause is the query alone).
 *
 * @param leaveOneOut whether clauses are left out one by one (an instruction of one clause has only the query alone)
 * @param wordsDocument the document of the word occlusion, or null
 * @param words the instruction's words (for the occlusion; empty without it)
 * @param notes one-line remarks worth showing (an instruction of one clause)
 */
public record AttributionPlan(Collection collection, Topic topic, Variant variant, Clauses clauses,
        List<Document> candidates, boolean leaveOneOut, boolean clauseAlone, Document wordsDocument, List<String> words,
        List<String> notes) {

    /** One instruction text and the documents to score with it, in candidate order. */
    public record Prompt(String instruction, List<Document> documents) {
    }

    public AttributionPlan {
        candidates = List.copyOf(candidates);
        words = List.copyOf(words);
        notes = List.copyOf(notes);
    }

    public String query() {
        return topic.query();
    }

    public String instruction() {
        return variant.instruction();
    }

    /** The texts to score, full instruction first, then the query alone, the clauses left out, alone, the words. */
    public List<Prompt> prompts() {
        Map<String, String> textOf = new LinkedHashMap<>(); // FollowIR's {query} → the first text that gives it
        Map<String, Set<Document>> docsOf = new LinkedHashMap<>();
        List<Document> full = new ArrayList<>(candidates);
        if (wordsDocument != null && candidates.stream().noneMatch(d -> d.docId().equals(wordsDocument.docId()))) {
            full.add(wordsDocument);
        }
        add(textOf, docsOf, instruction(), full);
        add(textOf, docsOf, "", candidates);
        if (leaveOneOut) {
            for (int k = 0; k < clauses.size(); k++) {
                add(textOf, docsOf, clauses.without(k), candidates);
            }
        }
        if (clauseAlone) {
            for (int k = 0; k < clauses.size(); k++) {
                add(textOf, docsOf, clauses.get(k), candidates);
            }
        }
        if (wordsDocument != null) {
            for (int w = 0; w < words.size(); w++) {
                add(textOf, docsOf, Words.without(words, w), List.of(wordsDocument));
            }
        }
        List<Prompt> out = new ArrayList<>();
        textOf.forEach((field, text) -> out.add(new Prompt(text, List.copyOf(docsOf.get(field)))));
        return out;
    }

    private void add(Map<String, String> textOf, Map<String, Set<Document>> docsOf, String text, List<Document> docs) {
        String field = FollowIrPrompt.queryField(query(), text);
        textOf.putIfAbsent(field, text);
        Set<Document> set = docsOf.computeIfAbsent(field, f -> new LinkedHashSet<>());
        set.addAll(docs);
    }

    /** Distinct (instruction text, document) pairs the attribution needs. */
    public int pairs() {
        return prompts().stream().mapToInt(p -> p.documents().size()).sum();
    }
}

package org.relevanceworkbench.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.Topic;

/** The grades a comparison table shows for one topic: the imported qrels and every assessor's judgments, per variant. */
final class TableGrades {
    private final Map<String, Integer> imported = new HashMap<>();
    private final Map<String, Integer> judged = new HashMap<>();
    private final Map<String, String> conditions = new HashMap<>();
    private final Set<String> assessors = new TreeSet<>();

    static TableGrades load(Database db, Collection collection, Topic topic, List<String> variants) {
        TableGrades grades = new TableGrades();
        for (Qrel q : db.read(c -> new QrelDao(c).list(collection.id()))) {
            if (q.source().equals(QrelDao.IMPORTED) && q.topicId().equals(topic.topicId())) {
                grades.imported.put(key(q.variant(), q.docId()), q.grade());
            }
        }
        for (String variant : variants) {
            for (Judgment j : db.read(c -> new JudgmentDao(c).list(collection.id(), topic.topicId(), variant))) {
                grades.judged.put(key(j.assessor(), variant, j.docId()), j.grade());
                grades.conditions.put(key(j.assessor(), variant, j.docId()), j.conditionKind());
                grades.assessors.add(j.assessor());
            }
        }
        return grades;
    }

    /** Everyone who judged the topic under one of the table's variants, alphabetically. */
    Set<String> assessors() {
        return assessors;
    }

    Integer imported(String variant, String docId) {
        return imported.get(key(variant, docId));
    }

    Integer judged(String assessor, String variant, String docId) {
        return judged.get(key(assessor, variant, docId));
    }

    /** The condition an assessor's judgment was made under ({@code suggested}, {@code blind}, …), or null. */
    String condition(String assessor, String variant, String docId) {
        return conditions.get(key(assessor, variant, docId));
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }
}

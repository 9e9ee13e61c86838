package org.relevanceworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.compare.WordDiff;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/**
 * The query and instruction variants of the open topic, as the editor shows them: any number of
 * named variants (add, duplicate, rename, delete, reorder; the first is the baseline), each with a
 * word-level diff against the baseline. Every change is written to the workspace at once, through
 * the task executor, and the topic is read back so the editor shows what is stored.
 */
public final class VariantsEditorViewModel {
    /** A variant as the list shows it, with how its words differ from the baseline's. */
    public record Item(String name, String instruction, String diffSummary) {
    }

    private final Database db;
    private final TaskExecutor tasks;
    private final Consumer<Throwable> failures;
    private Collection collection;
    private final ObjectProperty<Topic> topic = new SimpleObjectProperty<>();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Item> variants = FXCollections.observableArrayList();
    private final ObjectProperty<Item> selected = new SimpleObjectProperty<>();
    private final ObservableList<WordDiff.Segment> diff = FXCollections.observableArrayList();
    /** The variant to select once the change that creates or renames it is stored (set before the change runs). */
    private String pendingSelection;

    public VariantsEditorViewModel(Database db, TaskExecutor tasks, Consumer<Throwable> failures) {
        this.db = db;
        this.tasks = tasks;
        this.failures = failures;
        selected.addListener((obs, old, now) -> showDiff(now));
    }

    /** Shows a topic (null: none). */
    public void open(Collection owner, Topic t) {
        collection = owner;
        topic.set(t);
        query.set(t == null ? "" : t.query());
        String keep = selected.get() == null ? null : selected.get().name();
        List<Item> items = new ArrayList<>();
        if (t != null) {
            String baseline = t.variants().isEmpty() ? "" : t.variants().get(0).instruction();
            for (Variant v : t.variants()) {
                items.add(new Item(v.name(), v.instruction(), v.position() == 0 ? "baseline"
                        : WordDiff.summary(WordDiff.diff(baseline, v.instruction()))));
            }
        }
        variants.setAll(items);
        selected.set(items.stream().filter(i -> i.name().equals(keep)).findFirst()
                .orElse(items.isEmpty() ? null : items.get(0)));
        showDiff(selected.get());
    }

    private void showDiff(Item item) {
        if (item == null || variants.isEmpty()) {
            diff.clear();
            return;
        }
        diff.setAll(WordDiff.diff(variants.get(0).instruction(), item.instruction()));
    }

    public void saveQuery() {
        Topic t = topic.get();
        String text = query.get() == null ? "" : query.get().strip();
        if (t == null || text.equals(t.query())) {
            return;
        }
        change(dao -> dao.setQuery(t.row(), text));
    }

    /** Stores new instruction text for the selected variant. */
    public void saveInstruction(String text) {
        Item item = selected.get();
        if (topic.get() == null || item == null || item.instruction().equals(text)) {
            return;
        }
        change(dao -> dao.upsertVariant(topic.get().row(), item.name(), text));
    }

    /** Adds an empty variant with a fresh name ("variant-2", …) at the end. */
    public void add() {
        if (topic.get() != null) {
            String name = freshName("variant");
            selectWhenShown(name);
            change(dao -> dao.upsertVariant(topic.get().row(), name, ""));
        }
    }

    public void duplicate() {
        Item item = selected.get();
        if (topic.get() != null && item != null) {
            String name = freshName(item.name() + "-copy");
            selectWhenShown(name);
            change(dao -> dao.upsertVariant(topic.get().row(), name, item.instruction()));
        }
    }

    public void rename(String newName) {
        Item item = selected.get();
        if (topic.get() != null && item != null && newName != null && !newName.strip().equals(item.name())) {
            selectWhenShown(newName.strip());
            change(dao -> dao.renameVariant(topic.get().row(), item.name(), newName.strip()));
        }
    }

    public void delete() {
        Item item = selected.get();
        if (topic.get() == null || item == null) {
            return;
        }
        if (variants.size() == 1) {
            failures.accept(new UserException("a topic keeps at least one variant"));
            return;
        }
        change(dao -> dao.deleteVariant(topic.get().row(), item.name()));
    }

    /** Moves the selected variant up (-1) or down (+1); moving one to the top makes it the baseline. */
    public void move(int step) {
        Item item = selected.get();
        if (topic.get() == null || item == null) {
            return;
        }
        List<String> names = new ArrayList<>(variants.stream().map(Item::name).toList());
        int from = names.indexOf(item.name());
        int to = from + step;
        if (to < 0 || to >= names.size()) {
            return;
        }
        names.add(to, names.remove(from));
        change(dao -> dao.reorderVariants(topic.get().row(), names));
    }

    private String freshName(String stem) {
        for (int n = 2; ; n++) {
            String candidate = stem + "-" + n;
            if (variants.stream().noneMatch(v -> v.name().equals(candidate))) {
                return candidate;
            }
        }
    }

    private void selectWhenShown(String name) {
        pendingSelection = name;
    }

    /** A change of the topic, then the topic as stored afterwards. */
    @FunctionalInterface
    private interface TopicChange {
        void apply(TopicDao dao) throws Exception;
    }

    private void change(TopicChange change) {
        Collection owner = collection;
        String topicId = topic.get().topicId();
        tasks.run(() -> db.write(c -> {
            change.apply(new TopicDao(c));
            return new TopicDao(c).find(owner.id(), topicId).orElseThrow();
        }), stored -> {
            open(owner, stored);
            if (pendingSelection != null) {
                variants.stream().filter(v -> v.name().equals(pendingSelection)).findFirst().ifPresent(selected::set);
                pendingSelection = null;
            }
        }, failure -> {
            pendingSelection = null;
            failures.accept(failure);
        });
    }

    /** The collection of the open topic (null before one opens). */
    public Collection collection() {
        return collection;
    }

    public ObjectProperty<Topic> topicProperty() {
        return topic;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<Item> variants() {
        return variants;
    }

    public ObjectProperty<Item> selectedProperty() {
        return selected;
    }

    public ObservableList<WordDiff.Segment> diff() {
        return diff;
    }

    /** The variant names in order, baseline first. */
    public List<String> variantNames() {
        return variants.stream().map(Item::name).toList();
    }

    public Optional<Item> variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}

package org.relevanceworkbench.ui;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;

/**
 * An observable list that is only ever replaced whole, with one change event that says so. FXCollections' lists
 * replace their contents an element at a time ({@code setAll}: a removal and an addition recorded per element), which
 * at a million rows took most of the FX thread's stalls in {@code bench ui}; this holds the new list as it is.
 */
final class ReplacedList<E> extends ObservableListBase<E> {
    private List<E> items = List.of();

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /** What is shown now: an immutable list, the one last given to {@link #replace} or a copy of it. */
    List<E> current() {
        return items;
    }

    /** Shows {@code next} in place of what was shown: held as it is when immutable (the view model's are), else copied. */
    void replace(List<E> next) {
        List<E> old = items;
        items = List.copyOf(next);
        if (old.isEmpty() && items.isEmpty()) {
            return;
        }
        fireChange(new Replacement<>(this, old, items.size())); // not nextReplace: it copies the old list element by element
    }

    /** One change: the old list removed from 0 on, the new one's {@code added} elements added there. */
    private static final class Replacement<E> extends ListChangeListener.Change<E> {
        private final List<E> removed;
        private final int added;
        private int cursor = -1;

        Replacement(ObservableList<E> list, List<E> removed, int added) {
            super(list);
            this.removed = removed;
            this.added = added;
        }

        @Override
        public boolean next() {
            cursor++;
            return cursor == 0;
        }

        @Override
        public void reset() {
            cursor = -1;
        }

        @Override
        public int getFrom() {
            check();
            return 0;
        }

        @Override
        public int getTo() {
            check();
            return added;
        }

        @Override
        public List<E> getRemoved() {
            check();
            return removed;
        }

        @Override
        protected int[] getPermutation() {
            check();
            return new int[0];
        }

        private void check() {
            if (cursor != 0) {
                throw new IllegalStateException("Invalid Change state: next() must be called before inspecting the Change.");
            }
        }
    }
}

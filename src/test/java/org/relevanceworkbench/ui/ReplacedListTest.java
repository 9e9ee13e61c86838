package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The comparison's lists: replaced whole, one change each, which a listener (the table) reads as a replacement. */
class ReplacedListTest {
    @Test
    void eachReplacementIsOneChangeThatRemovesTheOldListAndAddsTheNew() {
        ReplacedList<String> list = new ReplacedList<>();
        List<String> seen = new ArrayList<>();
        list.addListener((ListChangeListener<String>) change -> {
            while (change.next()) {
                seen.add(change.wasReplaced() + " " + change.getFrom() + "-" + change.getTo() + " removed "
                        + change.getRemoved() + " added " + change.getAddedSubList());
            }
        });

        list.replace(List.of("a", "b", "c"));
        list.replace(List.of("d"));
        list.replace(List.of());
        list.replace(List.of());

        assertThat(seen).containsExactly("false 0-3 removed [] added [a, b, c]",
                "true 0-1 removed [a, b, c] added [d]", "false 0-0 removed [d] added []");
        assertThat(list).isEmpty();
    }

    @Test
    void itHoldsACopyOfWhatItIsGivenAndCannotBeChangedOtherwise() {
        ReplacedList<String> list = new ReplacedList<>();
        List<String> given = new ArrayList<>(List.of("x", "y"));
        list.replace(given);
        given.set(0, "changed");

        assertThat(list).containsExactly("x", "y");
        assertThat(list.current()).containsExactly("x", "y");
        assertThatThrownBy(() -> list.add("z")).isInstanceOf(UnsupportedOperationException.class);
    }
}

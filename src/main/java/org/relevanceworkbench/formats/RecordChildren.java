package org.relevanceworkbench.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * The children of one record element ({@code <DOC>}, {@code <top>}, {@code <topic>}) in order,
 * each as collapsed text. A child ends at its own end tag; in classic TREC topics, whose
 * sections are rarely closed, it also ends at the next tag. Tags inside a child are dropped
 * like whitespace, except {@code <P>}, which breaks a paragraph. Text directly inside the
 * record becomes children without a name.
 */
final class RecordChildren {
    /** {@code name} is upper-case, or null for text between children. */
    record Child(String name, CollapsedText text) {
    }

    private final boolean endsAtNextTag;
    private final List<Child> children = new ArrayList<>();
    private Child open;

    RecordChildren(boolean endsAtNextTag) {
        this.endsAtNextTag = endsAtNextTag;
    }

    List<Child> children() {
        return children;
    }

    /** The first child named {@code name}, or null. */
    Child first(String name) {
        for (Child child : children) {
            if (name.equals(child.name())) {
                return child;
            }
        }
        return null;
    }

    void startTag(String name) {
        if (open == null || endsAtNextTag) {
            open = new Child(name, new CollapsedText());
            children.add(open);
        } else {
            separate(open.text(), name);
        }
    }

    void endTag(String name) {
        if (open != null && open.name().equals(name)) {
            open = null;
        } else {
            CollapsedText target = target();
            if (target != null) {
                separate(target, name);
            }
        }
    }

    void text(String text) {
        if (open == null && text.isBlank()) {
            CollapsedText loose = target();
            if (loose != null) {
                loose.space();
            }
            return;
        }
        if (open == null && target() == null) {
            children.add(new Child(null, new CollapsedText()));
        }
        target().append(text);
    }

    void lineBreak(boolean blank) {
        CollapsedText target = target();
        if (target == null) {
            return;
        }
        if (blank) {
            target.paragraph();
        } else {
            target.space();
        }
    }

    /** Where text goes now: the open child, or loose text still being added to; null when none. */
    private CollapsedText target() {
        if (open != null) {
            return open.text();
        }
        Child last = children.isEmpty() ? null : children.get(children.size() - 1);
        return last != null && last.name() == null ? last.text() : null;
    }

    private static void separate(CollapsedText text, String tag) {
        if (tag.equals("P")) {
            text.paragraph();
        } else {
            text.space();
        }
    }
}

package org.relevanceworkbench.attribution;

import java.util.ArrayList;
import java.util.List;
import org.relevanceworkbench.model.PythonWhitespace;

/**
 * The words of a text as attribution counts them: the runs of non-whitespace characters, with Python's notion of
 * whitespace (the one FollowIR's prompt strips with). Punctuation stays with its word ("Cameron?" is one word).
 */
public final class Words {
    private Words() {
    }

    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            boolean space = PythonWhitespace.isSpace(text.charAt(i));
            if (space && start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** The words without the one at {@code index} (0-based), joined with single spaces: what occlusion scores. */
    public static String without(List<String> words, int index) {
        List<String> rest = new ArrayList<>(words);
        rest.remove(index);
        return String.join(" ", rest);
    }
}

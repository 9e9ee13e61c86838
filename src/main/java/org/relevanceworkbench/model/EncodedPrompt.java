package org.relevanceworkbench.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The token ids of one FollowIR prompt, as the model sees them.
 *
 * @param ids           the ids: the tokenizer's BOS, then the template's literal {@code <s>} as a second BOS, then
 *                      the rest of the prompt; the last tokens are always the template's {@code ... [/INST] }
 * @param nTokens       {@code ids.length} (both BOS counted), what the maximum length limits
 * @param truncated     whether document tokens were cut to fit the maximum length
 * @param documentStart index in {@code ids} of the document's first token
 * @param documentEnd   index in {@code ids} just past the document's last token (equal to {@code documentStart}
 *                      when no document token remains). A token that holds both the space before the document and
 *                      its first characters (such as {@code ▁Av} for "Document: Avatar") counts as the document's.
 */
public record EncodedPrompt(int[] ids, int nTokens, boolean truncated, int documentStart, int documentEnd) {
    public EncodedPrompt {
        ids = ids.clone(); // a record is a value: nobody may change its ids behind its back
        if (nTokens != ids.length) {
            throw new IllegalArgumentException("nTokens " + nTokens + " but " + ids.length + " ids");
        }
        if (documentStart < 0 || documentStart > documentEnd || documentEnd > ids.length) {
            throw new IllegalArgumentException("document tokens " + documentStart + ".." + documentEnd
                    + " outside " + ids.length + " ids");
        }
    }

    /** A copy of the ids (the record keeps its own). */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** The ids widened to {@code long}, as DJL's {@code NDManager.create(long[])} wants them. */
    public long[] longIds() {
        return Arrays.stream(ids).asLongStream().toArray();
    }

    /** How many document tokens the prompt holds. */
    public int documentTokens() {
        return documentEnd - documentStart;
    }

    /**
     * The longest token prefix all prompts share, leaving every prompt at least one token of its own: what a prefix
     * KV cache runs once (locally) or a server is sent once (SGLang's query).
     */
    public static int sharedPrefix(List<int[]> prompts) {
        int[] first = prompts.get(0);
        int shared = first.length - 1;
        for (int[] p : prompts) {
            int limit = Math.min(shared, p.length - 1);
            int i = 0;
            while (i < limit && p[i] == first[i]) {
                i++;
            }
            shared = i;
        }
        return Math.max(shared, 0);
    }

    /** The prompts' positions, shortest prompt first (stable): like lengths batch together. */
    public static Integer[] shortestFirst(EncodedPrompt[] prompts) {
        Integer[] order = new Integer[prompts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> prompts[i].nTokens()));
        return order;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedPrompt other && Arrays.equals(ids, other.ids) && nTokens == other.nTokens
                && truncated == other.truncated && documentStart == other.documentStart
                && documentEnd == other.documentEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ids), nTokens, truncated, documentStart, documentEnd);
    }

    @Override
    public String toString() {
        return "EncodedPrompt[nTokens=" + nTokens + ", truncated=" + truncated + ", document=" + documentStart + ".."
                + documentEnd + ", ids=" + Arrays.toString(ids) + "]";
    }
}

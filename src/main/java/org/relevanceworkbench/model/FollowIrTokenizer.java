package org.relevanceworkbench.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.scoring.Candidate;

/**
 * Turns a query, instruction and document into the token ids FollowIR-7B scores, through the model folder's own
 * {@code tokenizer.json} (Hugging Face's Rust tokenizer, via DJL), so ids are never hard-coded.
 *
 * <p>The ids are those of the model card's Python code: the tokenizer's BOS, the template's literal {@code <s>} as a
 * second BOS, then the prompt. Unlike the card, prompts longer than the maximum length are cut inside the document,
 * from its end, so the template's tail ({@code ... [/INST] }), where the model reads its answer, always stays.
 *
 * <p>Thread safety: {@link #encode} may be called from several threads at once, and {@link #encodeAll} encodes on all
 * cores. Hugging Face's Rust {@code Tokenizer} encodes through a shared reference ({@code &self}), and DJL's JNI
 * {@code encode} only borrows the native handle, so concurrent calls are safe; a test checks that ids from many threads
 * equal ids one by one. DJL's own {@code batchEncode} was measured 1.2× faster than one thread on 2 cores, several
 * Java threads each calling {@code encode} 1.9×, hence the latter. {@link #close} waits for running calls (a
 * read-write lock); later calls fail.
 */
public final class FollowIrTokenizer implements AutoCloseable {
    /** FollowIR-7B was fine-tuned with {@code --max_length 2048}. */
    public static final int DEFAULT_MAX_LENGTH = 2048;

    private static final int NO_SPAN = -1;

    private final HuggingFaceTokenizer control;
    private final HuggingFaceTokenizer plain;
    private final int[] leadingBosIds;
    private final int trueId;
    private final int falseId;
    private final Set<Integer> specialTokenIds;
    private final java.util.concurrent.locks.ReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private boolean closed;

    private FollowIrTokenizer(HuggingFaceTokenizer control, HuggingFaceTokenizer plain, int[] leadingBosIds,
            int trueId, int falseId, Set<Integer> specialTokenIds) {
        this.control = control;
        this.plain = plain;
        this.leadingBosIds = leadingBosIds;
        this.trueId = trueId;
        this.falseId = falseId;
        this.specialTokenIds = specialTokenIds;
    }

    /**
     * Loads the tokenizer of a Hugging Face model folder (its {@code tokenizer.json}).
     *
     * @throws UserException when the folder has no readable tokenizer.json, or one FollowIR cannot use
     */
    public static FollowIrTokenizer load(Path modelDir) {
        Path file = modelDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new UserException("no tokenizer.json in model folder " + modelDir);
        }
        TokenizerJson json = TokenizerJson.read(file);
        int trueId = json.vocabularyId("true");
        int falseId = json.vocabularyId("false");
        Map<String, Integer> special = json.specialAddedTokens();
        if (!special.containsKey(FollowIrPrompt.LEADING_BOS)) {
            // The template starts with a literal "<s>" that must become the BOS control token, as in training.
            throw new UserException(file + " does not define " + FollowIrPrompt.LEADING_BOS
                    + " as a special token; it is not a Mistral/FollowIR tokenizer");
        }
        HuggingFaceTokenizer control = null;
        HuggingFaceTokenizer plain = null;
        Path plainFile = null;
        try {
            control = build(file);
            // PLAIN mode: a second tokenizer from a copy without the special added tokens. DJL reads the file
            // whole when building, so the copy is deleted right away (finally), not kept until close.
            plainFile = Files.createTempFile("followir-plain-tokenizer", ".json");
            Files.writeString(plainFile, json.withoutSpecialAddedTokens(), StandardCharsets.UTF_8);
            plain = build(plainFile);
            // The ids CONTROL gives the template's leading "<s>" (the tokenizer's BOS, then "<s>" itself), read off
            // the tokenizer rather than hard-coded; PLAIN puts them in front of the rest of the prompt.
            int[] leadingBosIds = toInts(control.encode(FollowIrPrompt.LEADING_BOS, true, false).getIds());
            return new FollowIrTokenizer(control, plain, leadingBosIds, trueId, falseId,
                    Set.copyOf(special.values()));
        } catch (IOException | RuntimeException e) {
            closeQuietly(control);
            closeQuietly(plain);
            throw new UserException("cannot load the tokenizer of " + modelDir + ": "
                    + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " "), e);
        } finally {
            if (plainFile != null) {
                try {
                    Files.deleteIfExists(plainFile);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless; the OS cleans its temp folder
                }
            }
        }
    }

    private static HuggingFaceTokenizer build(Path tokenizerJson) throws IOException {
        // Not HuggingFaceTokenizer.newInstance(path): its defaults truncate silently at 512 tokens and pad.
        return HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerJson)
                .optTruncation(false)
                .optPadding(false)
                .optAddSpecialTokens(true)
                .build();
    }

    /** The id of the vocabulary entry "true" (not "▁true"): its logit is the relevant side of the score. */
    public int trueId() {
        return trueId;
    }

    /** The id of the vocabulary entry "false" (not "▁false"). */
    public int falseId() {
        return falseId;
    }

    /** The ids of the tokenizer's special tokens ({@code <unk>}, {@code <s>}, {@code </s>} for Mistral). */
    public Set<Integer> specialTokenIds() {
        return specialTokenIds;
    }

    /** {@link #encode(String, String, String, String, int, SpecialTokenMode)} at 2048 tokens, CONTROL mode. */
    public EncodedPrompt encode(String query, String instruction, String title, String text) {
        return encode(query, instruction, title, text, DEFAULT_MAX_LENGTH, SpecialTokenMode.CONTROL);
    }

    /**
     * The ids of the FollowIR prompt for this query, instruction (null for none), title (null for none) and document
     * text, at most {@code maxLength} of them.
     *
     * <p>A longer prompt loses document tokens from the document's end; all other tokens are those of the uncut
     * prompt, so its tail is unchanged and the result has exactly {@code maxLength} tokens, or a few fewer (at most
     * four) when the cut would split the tokens of one character (one the vocabulary spells as UTF-8 bytes).
     *
     * @throws UserException when the prompt without any document already exceeds {@code maxLength}
     */
    public EncodedPrompt encode(String query, String instruction, String title, String text, int maxLength,
            SpecialTokenMode mode) {
        checkArguments(maxLength, mode);
        Input input = input(FollowIrPrompt.render(query, instruction, title, text), mode);
        lock.readLock().lock();
        try {
            checkOpen();
            return encodeOpen(input, query, instruction, maxLength, mode);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A document to put in a prompt: its title (null for none) and text. */
    public record Document(String title, String text) {
    }

    /**
     * {@link #encode(String, String, String, String, int, SpecialTokenMode)} for many documents of one query and
     * instruction at once, in their order, encoded on all cores: what a client feeding inference servers spends its
     * time on. The ids are those of {@code encode}, prompt for prompt.
     */
    public List<EncodedPrompt> encodeAll(String query, String instruction, List<Document> documents, int maxLength,
            SpecialTokenMode mode) {
        checkArguments(maxLength, mode);
        List<Input> inputs = new ArrayList<>(documents.size());
        for (Document d : documents) {
            inputs.add(input(FollowIrPrompt.render(query, instruction, d.title(), d.text() == null ? "" : d.text()),
                    mode));
        }
        EncodedPrompt[] out = new EncodedPrompt[inputs.size()];
        lock.readLock().lock();
        try {
            checkOpen();
            // Parallel on the common fork-join pool (all cores, the caller included); in-order results.
            java.util.stream.IntStream.range(0, out.length).parallel()
                    .forEach(i -> out[i] = encodeOpen(inputs.get(i), query, instruction, maxLength, mode));
        } finally {
            lock.readLock().unlock();
        }
        return List.of(out);
    }

    /** One prompt, the tokenizer known to be open. */
    private EncodedPrompt encodeOpen(Input input, String query, String instruction, int maxLength,
            SpecialTokenMode mode) {
        Tokens full = tokens(input, encoder(mode).encode(input.text, input.addSpecialTokens, false));
        return fit(full, query, instruction, maxLength, mode);
    }

    /** {@link #encodeAll} of the candidates' titles and texts (a null text counts as empty), as an array. */
    public EncodedPrompt[] encodeCandidates(String query, String instruction, List<Candidate> candidates,
            int maxLength, SpecialTokenMode mode) {
        return encodeAll(query, instruction, candidates.stream().map(c -> new Document(c.title(), c.text())).toList(),
                maxLength, mode).toArray(EncodedPrompt[]::new);
    }

    private static void checkArguments(int maxLength, SpecialTokenMode mode) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        Objects.requireNonNull(mode, "mode");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the tokenizer is closed");
        }
    }

    private HuggingFaceTokenizer encoder(SpecialTokenMode mode) {
        return mode == SpecialTokenMode.CONTROL ? control : plain;
    }

    /** A whole prompt, or one cut inside its document to {@code maxLength} tokens (see {@link #encode}). */
    private EncodedPrompt fit(Tokens full, String query, String instruction, int maxLength, SpecialTokenMode mode) {
        if (full.ids.length <= maxLength) {
            return full.toPrompt(false);
        }
        int keep = full.documentTokens() - (full.ids.length - maxLength);
        // Byte-fallback tokens of one character share its span: keep all of them or none.
        while (keep > 0 && full.sameCharacter(full.documentStart + keep - 1, full.documentStart + keep)) {
            keep--;
        }
        if (keep > 0) {
            return full.keepDocumentTokens(keep);
        }
        Input none = input(FollowIrPrompt.render(query, instruction, null, ""), mode);
        Tokens empty = tokens(none, encoder(mode).encode(none.text, none.addSpecialTokens, false));
        if (empty.ids.length > maxLength) {
            throw new UserException("query and instruction take " + empty.ids.length
                    + " tokens; the maximum length is " + maxLength);
        }
        return empty.toPrompt(true);
    }

    /**
     * What goes into the native tokenizer for one prompt: in CONTROL mode the whole prompt with special tokens added;
     * in PLAIN mode everything after the template's leading "<s>" (query, instruction and document included) through
     * the tokenizer without special tokens and without adding any, behind the leading "<s>" ids as CONTROL has them.
     */
    private record Input(String text, int documentStart, int documentEnd, int[] prefix, boolean addSpecialTokens) {
    }

    private Input input(RenderedPrompt prompt, SpecialTokenMode mode) {
        if (mode == SpecialTokenMode.CONTROL) {
            return new Input(prompt.text(), prompt.documentStart(), prompt.documentEnd(), new int[0], true);
        }
        int skip = FollowIrPrompt.LEADING_BOS.length();
        return new Input(prompt.text().substring(skip), prompt.documentStart() - skip, prompt.documentEnd() - skip,
                leadingBosIds, false);
    }

    private static Tokens tokens(Input input, Encoding encoding) {
        String text = input.text;
        int[] prefix = input.prefix;
        // The tokenizer's spans count Unicode code points, not UTF-16 chars: convert the document's range.
        int documentFirstPoint = text.codePointCount(0, input.documentStart);
        int documentEndPoint = documentFirstPoint + text.codePointCount(input.documentStart, input.documentEnd);

        long[] encoded = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int n = prefix.length + encoded.length;
        int[] ids = Arrays.copyOf(prefix, n);
        int[] starts = new int[n];
        int[] ends = new int[n];
        Arrays.fill(starts, NO_SPAN);
        Arrays.fill(ends, NO_SPAN);
        int first = -1;
        int last = -1;
        int firstAfter = n;
        for (int i = 0; i < encoded.length; i++) {
            int at = prefix.length + i;
            ids[at] = Math.toIntExact(encoded[i]);
            CharSpan span = spans[i]; // null for tokens the post-processor added (the BOS)
            if (span == null) {
                continue;
            }
            starts[at] = span.getStart();
            ends[at] = span.getEnd();
            if (span.getStart() < documentEndPoint && span.getEnd() > documentFirstPoint) {
                if (first < 0) {
                    first = at;
                }
                last = at;
            } else if (span.getStart() >= documentEndPoint && firstAfter == n) {
                firstAfter = at;
            }
        }
        return first < 0 ? new Tokens(ids, starts, ends, firstAfter, firstAfter)
                : new Tokens(ids, starts, ends, first, last + 1);
    }

    /** Releases the native tokenizers; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            control.close();
            plain.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static int[] toInts(long[] ids) {
        return Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
    }

    private static void closeQuietly(HuggingFaceTokenizer tokenizer) {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    /** One tokenized prompt with each token's span (in code points of the encoded text; -1 for none). */
    private record Tokens(int[] ids, int[] starts, int[] ends, int documentStart, int documentEnd) {
        int documentTokens() {
            return documentEnd - documentStart;
        }

        boolean sameCharacter(int i, int j) {
            return starts[i] != NO_SPAN && starts[i] == starts[j] && ends[i] == ends[j];
        }

        EncodedPrompt toPrompt(boolean truncated) {
            return new EncodedPrompt(ids, ids.length, truncated, documentStart, documentEnd);
        }

        /** The prompt with only the first {@code keep} document tokens; every other token as it was. */
        EncodedPrompt keepDocumentTokens(int keep) {
            int cut = documentTokens() - keep;
            int[] kept = new int[ids.length - cut];
            System.arraycopy(ids, 0, kept, 0, documentStart + keep);
            System.arraycopy(ids, documentEnd, kept, documentStart + keep, ids.length - documentEnd);
            return new EncodedPrompt(kept, kept.length, true, documentStart, documentStart + keep);
        }
    }
}

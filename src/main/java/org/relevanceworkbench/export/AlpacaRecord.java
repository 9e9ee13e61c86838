package org.relevanceworkbench.export;

import org.relevanceworkbench.model.FollowIrPrompt;

/**
 * One supervised example in LLaMA-Factory's alpaca format, shaped as FollowIR-7B's training data
 * (the model card's Training section: "input of query + instruction inside the template, output is
 * the label, and instruction as the beginning of the template").
 *
 * <p>LLaMA-Factory joins an alpaca record's user turn as {@code instruction + "\n" + input} and its
 * {@code mistral} template wraps that turn as {@code [INST] <turn> [/INST]} after the BOS token, with
 * {@code output} + EOS as the answer (as in the releases that still had {@code src/train_bash.py},
 * which the card's script calls). So the FollowIR template's text between {@code "[INST] "} and
 * {@code " [/INST]"} is split at its blank line:
 * <ul>
 *   <li>{@code instruction} = {@code "You are an expert Google searcher, … one of those two choices.\n"}:
 *       the template's first line with its line break, so that LLaMA-Factory's joining "\n" makes
 *       the template's blank line;</li>
 *   <li>{@code input} = {@code "Query: {query}\nDocument: {text}\nRelevant (only output one word, either
 *       \"true\" or \"false\"):"}, filled as {@link FollowIrPrompt} fills it;</li>
 *   <li>{@code output} = {@code "true"} or {@code "false"}.</li>
 * </ul>
 * {@code instruction + "\n" + input} is therefore exactly the rendered prompt between {@code "[INST] "}
 * and {@code " [/INST]"}. What lies outside (the card's literal {@code <s>} before a space, the space
 * after {@code [/INST]}) comes from each side's own wrapper, not from these records.
 */
public record AlpacaRecord(String instruction, String input, String output) {
    static final String PROMPT_START = "<s> [INST] ";
    static final String PROMPT_END = " [/INST] ";

    static {
        if (!FollowIrPrompt.TEMPLATE.startsWith(PROMPT_START) || !FollowIrPrompt.TEMPLATE.endsWith(PROMPT_END)) {
            throw new IllegalStateException("the FollowIR template no longer starts with '" + PROMPT_START
                    + "' and ends with '" + PROMPT_END + "'");
        }
    }

    /** The record of one judged pair: FollowIR's prompt for the query, instruction and document, and the label. */
    public static AlpacaRecord of(String query, String instruction, String title, String text, boolean relevant) {
        String prompt = FollowIrPrompt.render(query, instruction, title, text).text();
        String turn = prompt.substring(PROMPT_START.length(), prompt.length() - PROMPT_END.length());
        // The template's first blank line ends its opening sentence; the query and document come after it.
        int blankLine = turn.indexOf("\n\n");
        return new AlpacaRecord(turn.substring(0, blankLine + 1), turn.substring(blankLine + 2),
                relevant ? "true" : "false");
    }
}

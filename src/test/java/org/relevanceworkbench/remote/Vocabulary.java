package org.relevanceworkbench.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny stand-in for a vocabulary's next-token distribution, for the servers that answer with top-k logprobs: the
 * real logits of "true" and "false" from the decoder, and a few other tokens at chosen logits (the rest of the
 * vocabulary, which a random checkpoint's two head rows do not give). Logprobs are the log-softmax over all of them,
 * so their difference between "true" and "false" is the decoder's logit difference, as on a real server.
 */
record Vocabulary(Map<Integer, Double> logits, int trueId, int falseId) {
    static Vocabulary of(int trueId, double logitTrue, int falseId, double logitFalse, Map<Integer, Double> others) {
        Map<Integer, Double> all = new LinkedHashMap<>(others);
        all.put(trueId, logitTrue);
        all.put(falseId, logitFalse);
        return new Vocabulary(all, trueId, falseId);
    }

    double logZ() {
        double max = logits.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double sum = logits.values().stream().mapToDouble(l -> Math.exp(l - max)).sum();
        return max + Math.log(sum);
    }

    /** The k most likely tokens with their logprobs, best first, ties by id. */
    List<Map.Entry<Integer, Double>> top(int k) {
        double z = logZ();
        List<Map.Entry<Integer, Double>> all = new ArrayList<>();
        logits.forEach((id, l) -> all.add(Map.entry(id, l - z)));
        all.sort(Map.Entry.<Integer, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(Math.max(k, 1), all.size()));
    }

    double logprob(int id) {
        return logits.get(id) - logZ();
    }

    String text(int id) {
        return id == trueId ? "true" : id == falseId ? "false" : "tok" + id;
    }
}

package org.relevanceworkbench.attribution;

import java.util.ArrayList;
import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.scoring.Scorer;

/** A scorer that remembers every call it passes on: which instruction, how many documents. */
final class CountingScorer implements Scorer {
    record Call(String query, String instruction, int documents) {
    }

    private final Scorer inner;
    final List<Call> calls = new ArrayList<>();

    CountingScorer(Scorer inner) {
        this.inner = inner;
    }

    int pairs() {
        return calls.stream().mapToInt(Call::documents).sum();
    }

    @Override
    public Provenance provenance() {
        return inner.provenance();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public List<DocumentScore> score(String query, String instruction, List<Candidate> candidates,
            ScoreListener listener, CancellationToken cancel) {
        calls.add(new Call(query, instruction, candidates.size()));
        return inner.score(query, instruction, candidates, listener, cancel);
    }

    @Override
    public void close() {
        // the inner scorer is shared by the test class
    }
}

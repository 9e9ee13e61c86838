package org.relevanceworkbench.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/** Test helper: loads a checkpoint folder into a DJL MistralModel reading the false/true rows. */
final class DjlModels implements AutoCloseable {
    final NDManager root = NDManager.newBaseManager("PyTorch");
    final MistralModel model;

    DjlModels(Path folder, ComputePlan plan) {
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            MistralWeights weights = MistralWeights.load(checkpoint, plan,
                    new int[] {RandomCheckpoint.FALSE_ID, RandomCheckpoint.TRUE_ID}, root, bytes -> { });
            model = new MistralModel(checkpoint.config(), plan, weights, root);
        }
    }

    /** {false, true} logits at the last position of one sequence, no prefix cache. */
    float[] logits(int[] ids) {
        return model.headLogits(null, new int[][] {ids})[0];
    }

    @Override
    public void close() {
        model.close();
        root.close();
    }
}

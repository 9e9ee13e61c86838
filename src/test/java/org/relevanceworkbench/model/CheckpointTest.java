package org.relevanceworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static final MistralConfig CONFIG = RandomCheckpoint.tinyConfig();

    @TempDir
    Path dir;

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Path folder) {
        return assertThatThrownBy(() -> Checkpoint.open(folder).close())
                .isInstanceOf(ModelException.class)
                .hasMessageNotContaining("\n");
    }

    private static void assertHasEveryTensor(Checkpoint checkpoint, MistralConfig config) {
        for (Map.Entry<String, long[]> e : MistralTensorNames.expectedShapes(config).entrySet()) {
            assertThat(checkpoint.tensor(e.getKey()).shape()).as(e.getKey()).containsExactly(e.getValue());
        }
    }

    @Test
    void aSingleFileCheckpointOpensWithEveryTensorAndItsValues() {
        Path folder = RandomCheckpoint.of(CONFIG).dtype(TensorType.F32).write(dir.resolve("single"));
        assertThat(folder.resolve("model.safetensors")).isRegularFile();
        Map<String, SafetensorsWriter.Tensor> written = RandomCheckpoint.weights(CONFIG, TensorType.F32, 1);
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            assertThat(checkpoint.config()).isEqualTo(CONFIG);
            assertThat(checkpoint.folder()).isEqualTo(folder);
            assertHasEveryTensor(checkpoint, CONFIG);
            String name = MistralTensorNames.layer(1, MistralTensorNames.DOWN_PROJ);
            ByteBuffer bytes = checkpoint.map(name);
            float[] expected = written.get(name).values();
            for (int i = 0; i < expected.length; i++) {
                assertThat(bytes.getFloat(i * 4)).as("element %d", i).isEqualTo(expected[i]);
            }
            long total = written.values().stream().mapToLong(t -> 4L * t.values().length).sum();
            assertThat(checkpoint.weightBytes()).isEqualTo(total);
        }
    }

    @Test
    void aShardedCheckpointOpensThroughItsIndex() throws IOException {
        Path folder = RandomCheckpoint.of(CONFIG).shards(3).write(dir.resolve("sharded"));
        assertThat(folder.resolve("model.safetensors")).doesNotExist();
        assertThat(folder.resolve("model-00003-of-00003.safetensors")).isRegularFile();
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            assertHasEveryTensor(checkpoint, CONFIG);
            // The embeddings are in the first shard, lm_head in the last: both reachable.
            assertThat(checkpoint.map(MistralTensorNames.EMBED_TOKENS).capacity()).isEqualTo(32000 * 32 * 2);
            assertThat(checkpoint.map(MistralTensorNames.LM_HEAD).capacity()).isEqualTo(32000 * 32 * 2);
        }
        // The same weights unsharded are the same checkpoint, tensor by tensor.
        Path single = RandomCheckpoint.of(CONFIG).write(dir.resolve("single"));
        try (Checkpoint a = Checkpoint.open(folder); Checkpoint b = Checkpoint.open(single)) {
            for (String name : MistralTensorNames.expectedShapes(CONFIG).keySet()) {
                assertThat(a.map(name)).as(name).isEqualTo(b.map(name));
            }
        }
    }

    @Test
    void aConfigWithoutHeadDimAndHalfPrecisionWeightsOpens() throws IOException {
        // Older Mistral configs have no head_dim key; readers derive hidden / heads = 32 / 4 = 8.
        Path folder = RandomCheckpoint.of(CONFIG).withoutHeadDimKey().dtype(TensorType.F16).write(dir.resolve("f16"));
        assertThat(Files.readString(folder.resolve("config.json"))).doesNotContain("head_dim");
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            assertThat(checkpoint.config().headDim()).isEqualTo(8);
            assertThat(checkpoint.tensor(MistralTensorNames.EMBED_TOKENS).type()).isEqualTo(TensorType.F16);
            assertHasEveryTensor(checkpoint, CONFIG);
        }
    }

    @Test
    void tiedEmbeddingsNeedNoLmHead() {
        MistralConfig tied = new MistralConfig(32, 48, 1, 4, 2, 8, 1e-5, 1e6, 32000, null, true);
        try (Checkpoint checkpoint = Checkpoint.open(RandomCheckpoint.of(tied).write(dir.resolve("tied")))) {
            assertHasEveryTensor(checkpoint, tied);
            assertThatThrownBy(() -> checkpoint.tensor(MistralTensorNames.LM_HEAD))
                    .isInstanceOf(ModelException.class).hasMessageContaining("lacks tensor lm_head.weight");
        }
    }

    @Test
    void aMissingTensorIsNamed() {
        String missing = MistralTensorNames.layer(1, MistralTensorNames.UP_PROJ);
        Path folder = RandomCheckpoint.of(CONFIG).shards(2).edit(t -> t.remove(missing)).write(dir.resolve("m"));
        refused(folder).hasMessageContaining("lacks tensor " + missing);
    }

    @Test
    void aShapeThatDisagreesWithConfigJsonIsRefused() {
        // Weights made for intermediate_size 48, config.json saying 64.
        String gate = MistralTensorNames.layer(0, MistralTensorNames.GATE_PROJ);
        Path folder = RandomCheckpoint.of(CONFIG).edit(t -> t.put(gate,
                new SafetensorsWriter.Tensor(TensorType.BF16, new long[] {64, 32}, new float[64 * 32])))
                .write(dir.resolve("m"));
        refused(folder).hasMessageContaining("tensor " + gate).hasMessageContaining("[64, 32]")
                .hasMessageContaining("[48, 32]");
    }

    @Test
    void aModelOfAnotherFamilyIsRefused() throws IOException {
        Path folder = RandomCheckpoint.of(CONFIG).write(dir.resolve("bert"));
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(folder.resolve("config.json").toFile());
        config.put("model_type", "bert");
        Files.writeString(folder.resolve("config.json"), config.toString());
        refused(folder).hasMessageContaining("'bert'").hasMessageContaining("Mistral");
    }

    @Test
    void aFolderWithoutConfigJsonIsRefused() throws IOException {
        Path folder = RandomCheckpoint.of(CONFIG).write(dir.resolve("m"));
        Files.delete(folder.resolve("config.json"));
        refused(folder).hasMessageContaining("no config.json");
        refused(dir.resolve("nowhere")).hasMessageContaining("is not a folder");
    }

    @Test
    void pickleWeightsAreRefusedWithTheReason() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pickle"));
        RandomCheckpoint.writeConfig(folder, CONFIG, true);
        Files.write(folder.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, 'c'});
        refused(folder).hasMessageContaining("pickle").hasMessageContaining(".safetensors");
    }

    @Test
    void aFolderWithNoWeightsAtAllSaysSo() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        RandomCheckpoint.writeConfig(folder, CONFIG, true);
        refused(folder).hasMessageContaining("no model.safetensors");
    }

    @Test
    void anIndexNamingAMissingShardIsRefused() throws IOException {
        Path folder = RandomCheckpoint.of(CONFIG).shards(2).write(dir.resolve("m"));
        Files.delete(folder.resolve("model-00002-of-00002.safetensors"));
        refused(folder).hasMessageContaining("model-00002-of-00002.safetensors").hasMessageContaining("missing");
    }

    @Test
    void anIndexNamingAFileOutsideTheFolderIsRefused() throws IOException {
        Path folder = RandomCheckpoint.of(CONFIG).shards(2).write(dir.resolve("m"));
        Path index = folder.resolve("model.safetensors.index.json");
        Files.writeString(index, Files.readString(index).replace("model-00002-of-00002", "../model-00002-of-00002"));
        refused(folder).hasMessageContaining("outside the folder");
    }

    @Test
    void aTensorInTwoShardsIsRefused() throws IOException {
        // Shard 2 rewritten to also hold the embeddings that shard 1 has.
        Path folder = RandomCheckpoint.of(CONFIG).shards(2).write(dir.resolve("m"));
        Map<String, SafetensorsWriter.Tensor> all = RandomCheckpoint.weights(CONFIG, TensorType.BF16, 1);
        SafetensorsWriter second = new SafetensorsWriter();
        second.add(MistralTensorNames.EMBED_TOKENS, all.get(MistralTensorNames.EMBED_TOKENS));
        second.add(MistralTensorNames.FINAL_NORM, all.get(MistralTensorNames.FINAL_NORM));
        second.write(folder.resolve("model-00002-of-00002.safetensors"));
        refused(folder).hasMessageContaining(MistralTensorNames.EMBED_TOKENS).hasMessageContaining("two weight files");
    }

    @Test
    void aMalformedShardIsReportedByFileName() throws IOException {
        Path folder = RandomCheckpoint.of(CONFIG).shards(2).write(dir.resolve("m"));
        Files.write(folder.resolve("model-00001-of-00002.safetensors"), new byte[] {1, 2, 3});
        refused(folder).hasMessageContaining("model-00001-of-00002.safetensors").hasMessageContaining("too short");
    }

    @Test
    void theFingerprintIsStableAcrossOpensAndChangesWithOneWeight() {
        Path a = RandomCheckpoint.of(CONFIG).write(dir.resolve("a"));
        String first;
        try (Checkpoint checkpoint = Checkpoint.open(a)) {
            first = checkpoint.fingerprint();
        }
        try (Checkpoint checkpoint = Checkpoint.open(a)) {
            assertThat(checkpoint.fingerprint()).isEqualTo(first).startsWith("sha256:");
        }
        // The same seed written again (another folder, same bytes) is the same model.
        try (Checkpoint checkpoint = Checkpoint.open(RandomCheckpoint.of(CONFIG).write(dir.resolve("same")))) {
            assertThat(checkpoint.fingerprint()).isEqualTo(first);
        }
        // One value of one weight changed (a fine-tune touches values, never shapes). The fingerprint
        // samples the middle 4 KiB of each tensor, so the change is placed there: the norm weight's
        // 32 BF16 values are 64 bytes, all of them sampled.
        String norm = MistralTensorNames.layer(1, MistralTensorNames.POST_ATTENTION_NORM);
        Path b = RandomCheckpoint.of(CONFIG).edit(t -> t.get(norm).values()[7] += 0.5f).write(dir.resolve("b"));
        try (Checkpoint checkpoint = Checkpoint.open(b)) {
            assertThat(checkpoint.fingerprint()).isNotEqualTo(first);
        }
    }
}

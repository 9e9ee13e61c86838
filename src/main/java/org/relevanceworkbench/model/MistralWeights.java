package org.relevanceworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The weights of a Mistral decoder as NDArrays on the compute device, in the plan's weight dtype.
 * The q/k/v projections of a layer are stacked into one matrix and gate/up into another, so each
 * becomes one matmul. Only the rows of lm_head that are read (true and false) are kept.
 *
 * <p>F32 weights computed in F32 on the CPU are used in place, zero-copy from the file mapping
 * (the arrays keep the mapping alive; nothing ever writes to them). Every other combination is
 * converted in Java (BF16 would abort the JVM inside DJL) through one scratch buffer and copied
 * into memory the engine owns.
 */
public final class MistralWeights implements AutoCloseable {
    /** One decoder layer. */
    public record Layer(NDArray inputNorm, NDArray qkv, NDArray o, NDArray postAttentionNorm, NDArray gateUp,
            NDArray down) {
    }

    private final NDManager manager;
    private final NDArray embedTokens; // (V, H)
    private final List<Layer> layers;
    private final NDArray finalNorm; // (H)
    private final NDArray head; // (R, H): the lm_head rows of the tokens read

    private MistralWeights(NDManager manager, NDArray embedTokens, List<Layer> layers, NDArray finalNorm,
            NDArray head) {
        this.manager = manager;
        this.embedTokens = embedTokens;
        this.layers = layers;
        this.finalNorm = finalNorm;
        this.head = head;
    }

    /**
     * Loads every weight of {@code checkpoint}; {@code headRows} are the token ids whose logits
     * will be read. Reports progress in bytes of the checkpoint read.
     */
    public static MistralWeights load(Checkpoint checkpoint, ComputePlan plan, int[] headRows, NDManager parent,
            LongConsumer bytesRead) {
        NDManager manager = parent.newSubManager(plan.device());
        try {
            Loader loader = new Loader(checkpoint, plan, manager, bytesRead);
            MistralConfig c = checkpoint.config();
            NDArray embed = loader.load(MistralTensorNames.EMBED_TOKENS);
            List<Layer> layers = new ArrayList<>();
            for (int l = 0; l < c.layers(); l++) {
                layers.add(new Layer(
                        loader.load(MistralTensorNames.layer(l, MistralTensorNames.INPUT_NORM)),
                        loader.stacked(MistralTensorNames.layer(l, MistralTensorNames.Q_PROJ),
                                MistralTensorNames.layer(l, MistralTensorNames.K_PROJ),
                                MistralTensorNames.layer(l, MistralTensorNames.V_PROJ)),
                        loader.load(MistralTensorNames.layer(l, MistralTensorNames.O_PROJ)),
                        loader.load(MistralTensorNames.layer(l, MistralTensorNames.POST_ATTENTION_NORM)),
                        loader.stacked(MistralTensorNames.layer(l, MistralTensorNames.GATE_PROJ),
                                MistralTensorNames.layer(l, MistralTensorNames.UP_PROJ)),
                        loader.load(MistralTensorNames.layer(l, MistralTensorNames.DOWN_PROJ))));
            }
            NDArray norm = loader.load(MistralTensorNames.FINAL_NORM);
            String headName = c.tieWordEmbeddings() ? MistralTensorNames.EMBED_TOKENS : MistralTensorNames.LM_HEAD;
            NDArray head = loader.rows(headName, headRows);
            return new MistralWeights(manager, embed, List.copyOf(layers), norm, head);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public NDArray embedTokens() {
        return embedTokens;
    }

    public List<Layer> layers() {
        return layers;
    }

    public NDArray finalNorm() {
        return finalNorm;
    }

    public NDArray head() {
        return head;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Reads tensors one at a time into the plan's dtype and device. */
    private static final class Loader {
        private final Checkpoint checkpoint;
        private final ComputePlan plan;
        private final NDManager manager;
        private final LongConsumer bytesRead;
        private ByteBuffer scratch;
        private long done;

        Loader(Checkpoint checkpoint, ComputePlan plan, NDManager manager, LongConsumer bytesRead) {
            this.checkpoint = checkpoint;
            this.plan = plan;
            this.manager = manager;
            this.bytesRead = bytesRead;
        }

        NDArray load(String name) {
            TensorInfo t = checkpoint.tensor(name);
            ByteBuffer mapped = checkpoint.map(name);
            NDArray array = toArray(t, mapped, new Shape(t.shape()));
            progress(t.bytes());
            return array;
        }

        /** Stacks several (rows_i, H) matrices into one (Σ rows_i, H). */
        NDArray stacked(String... names) {
            List<NDArray> parts = new ArrayList<>();
            for (String name : names) {
                parts.add(load(name));
            }
            NDArray whole = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), 0);
            parts.forEach(NDArray::close);
            return whole;
        }

        /** Just the given rows of a (V, H) matrix, read from the mapping without loading the rest. */
        NDArray rows(String name, int[] rows) {
            TensorInfo t = checkpoint.tensor(name);
            ByteBuffer mapped = checkpoint.map(name);
            long width = t.shape()[1];
            int rowBytes = Math.toIntExact(width * t.type().bytes());
            ByteBuffer picked = ByteBuffer.allocate(rowBytes * rows.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int r : rows) {
                if (r < 0 || r >= t.shape()[0]) {
                    throw new ModelException("token id " + r + " is outside " + name + " " + t.shapeText());
                }
                ByteBuffer row = mapped.duplicate();
                row.position(r * rowBytes).limit(r * rowBytes + rowBytes);
                picked.put(row);
            }
            picked.flip();
            return toArray(t, picked, new Shape(rows.length, width));
        }

        private NDArray toArray(TensorInfo t, ByteBuffer bytes, Shape shape) {
            boolean f16 = plan.weights() == DataType.FLOAT16;
            if (t.type() == TensorType.F32 && !f16 && !plan.device().isGpu() && bytes.isDirect()
                    && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                return manager.create(bytes.slice().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
            }
            int outBytes = Math.toIntExact(shape.size() * (f16 ? 2 : 4));
            if (scratch == null || scratch.capacity() < outBytes) {
                scratch = ByteBuffer.allocateDirect(outBytes);
            }
            ByteBuffer target = scratch.duplicate();
            target.limit(outBytes);
            float maxAbs = HalfFloats.convert(bytes, t.type(), target, f16);
            if (Float.isNaN(maxAbs) || Float.isInfinite(maxAbs)) {
                throw new ModelException("tensor " + t.name() + " holds NaN or infinite values");
            }
            if (f16 && maxAbs > HalfFloats.F16_MAX) {
                throw new ModelException("tensor " + t.name() + " holds values up to " + maxAbs
                        + ", beyond fp16's range (65504): run it with --dtype fp32");
            }
            try (NDManager views = manager.newSubManager(ai.djl.Device.cpu())) {
                NDArray view = views.create(target.slice().order(ByteOrder.nativeOrder()), shape,
                        f16 ? DataType.FLOAT16 : DataType.FLOAT32);
                // A copy the engine owns (clone, or the transfer to the GPU): the scratch buffer is
                // reused for the next tensor, and toDevice on the same device could return an alias.
                NDArray owned = plan.device().isGpu() ? view.toDevice(plan.device(), false) : view.duplicate();
                owned.attach(manager);
                return owned;
            }
        }

        private void progress(long bytes) {
            done += bytes;
            bytesRead.accept(done);
        }
    }
}

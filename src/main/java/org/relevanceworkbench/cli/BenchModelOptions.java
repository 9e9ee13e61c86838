package org.relevanceworkbench.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import org.relevanceworkbench.model.ComputePlan;
import org.relevanceworkbench.model.MistralConfig;
import org.relevanceworkbench.model.RandomMistral;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.model.TensorType;
import picocli.CommandLine.Option;

/**
 * The model a benchmark runs, the same for {@code bench model} and {@code bench attribute}: a real folder, or a
 * random checkpoint of the given size (so a benchmark runs where no 7B is at hand), on a device and precision.
 */
final class BenchModelOptions {
    enum DeviceChoice { cpu, cuda }

    enum DtypeChoice { fp32, fp16 }

    @Option(names = "--model", paramLabel = "DIR", description = "a real model folder instead of a random one")
    Path model;

    @Option(names = "--hidden", defaultValue = "512")
    int hidden;

    @Option(names = "--layers", defaultValue = "4")
    int layers;

    @Option(names = "--heads", defaultValue = "8")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "2")
    int kvHeads;

    @Option(names = "--intermediate", defaultValue = "1376")
    int intermediate;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda")
    DeviceChoice device;

    @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "fp32|fp16")
    DtypeChoice dtype;

    /** Writes the random checkpoint of the given size into {@code folder}/random-mistral and returns that folder. */
    Path writeRandom(Path folder, TensorType weights) throws IOException {
        MistralConfig config = new MistralConfig(hidden, intermediate, layers, heads, kvHeads, hidden / heads, 1e-5,
                1e6, 32000, null, false);
        return RandomMistral.write(folder.resolve("random-mistral"), config, weights, 7);
    }

    /** The device and precision as the decoder takes them. */
    ComputePlan plan() {
        DataType type = dtype == DtypeChoice.fp16 ? DataType.FLOAT16 : DataType.FLOAT32;
        return new ComputePlan(device == DeviceChoice.cuda ? Device.gpu() : Device.cpu(), type, type);
    }

    /** The device and precision as the scorer takes them. */
    ScorerOptions scorerOptions() {
        return ScorerOptions.defaults()
                .withDevice(device == DeviceChoice.cuda ? ScorerOptions.Choice.CUDA : ScorerOptions.Choice.CPU)
                .withDtype(dtype == DtypeChoice.fp16 ? ScorerOptions.Choice.FP16 : ScorerOptions.Choice.FP32);
    }
}

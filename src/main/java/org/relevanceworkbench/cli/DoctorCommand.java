package org.relevanceworkbench.cli;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.model.Checkpoint;
import org.relevanceworkbench.model.FollowIrTokenizer;
import org.relevanceworkbench.model.MistralConfig;
import org.relevanceworkbench.model.TorchEngine;
import org.relevanceworkbench.remote.RemoteScorer;
import org.relevanceworkbench.remote.ServerInfo;
import org.relevanceworkbench.remote.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What this machine offers FollowIR-7B, in a few lines: the JVM, DJL's engine and the natives it loaded, the CUDA
 * devices and whether the model fits there, a model folder, and servers. Needs no workspace. Exit 0 when everything
 * asked about is usable, 1 otherwise.
 */
@Command(name = "doctor", description = {
    "Check what FollowIR-7B can run on here: the JVM, DJL's PyTorch engine and its natives (cpu, cu124),",
    "CUDA devices and free memory (does the model fit in fp16?), a model folder (--model) and servers (--server).",
    "Exit 0 when everything asked about is usable, 1 otherwise."})
final class DoctorCommand implements Callable<Integer> {
    /** CUDA context, libtorch's kernels and cuBLAS's workspace on the GPU: about 0.5 to 1 GB; we allow 1 GiB. */
    static final long CUDA_CONTEXT_BYTES = 1L << 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR",
            description = "a model folder to check (config.json, tokenizer.json, weights); its config sizes the fit")
    Path model;

    @Mixin
    ServerFlags server;

    /** What one check found: its line, and whether it is a problem. */
    private record Finding(String label, String text, boolean problem) {
    }

    @Override
    public Integer call() {
        ServerOptions serverOptions = server.any() ? server.options() : null; // bad flags stop here, one line
        if (serverOptions != null && model == null) {
            throw new UserException("--server needs --model DIR: the folder's config.json and tokenizer.json make the"
                    + " test prompt (no weights needed)");
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("java", jvm(), false));

        TorchEngine.Natives natives = TorchEngine.Natives.probe();
        TorchEngine.Loaded loaded = null;
        try {
            loaded = TorchEngine.loaded();
            findings.add(new Finding("engine", String.format(Locale.US, "PyTorch %s on DJL %s, %s natives from %s%s",
                    loaded.engineVersion(), loaded.djlVersion(), loaded.flavor(), loaded.source(),
                    loaded.libtorchDir() == null ? "" : ", unpacked in " + loaded.libtorchDir()), false));
        } catch (UserException e) {
            // a server client needs no libtorch: with --server the engine is reported, not counted
            findings.add(new Finding("engine", e.getMessage() + (serverOptions != null ? " (not needed for --server)" : ""),
                    serverOptions == null));
        }
        findings.add(new Finding("natives", bundledLine(natives), false));

        ModelFolder folder = model == null ? null : ModelFolder.check(model, serverOptions != null);
        MistralConfig config = folder != null && folder.config != null ? folder.config : MistralConfig.FOLLOWIR_7B;
        String name = folder != null && folder.config != null ? String.valueOf(model.getFileName()) : "FollowIR-7B";
        long fp16Bytes = config.parameterCount() * 2;
        long working = workingBytes(config, FollowIrTokenizer.DEFAULT_MAX_LENGTH);
        boolean fitCounts = folder != null && serverOptions == null && loaded != null && loaded.gpus() > 0;

        if (natives.gpus() == 0) {
            String hidden = System.getenv("CUDA_VISIBLE_DEVICES") == null ? ""
                    : ", or CUDA_VISIBLE_DEVICES=\"" + System.getenv("CUDA_VISIBLE_DEVICES") + "\" hides them";
            findings.add(new Finding("cuda", "no CUDA device (no driver or libcudart found" + hidden + ")"
                    + (loaded == null ? "" : ": " + name + " runs on the CPU"), false));
            findings.add(new Finding("memory", ram(config, name), false));
        } else {
            boolean cudaBundled = natives.bundles().stream().anyMatch(b -> b.flavor().startsWith("cu"));
            String use = loaded == null ? "" : loaded.gpus() > 0 ? "; the loaded natives use it"
                    : "; the loaded " + loaded.flavor() + " natives cannot use it ("
                            + (cudaBundled ? "the bundled CUDA natives need a newer CUDA runtime" : "build with -Pcuda")
                            + ")";
            findings.add(new Finding("cuda", natives.cuda() + use, false));
            for (int i = 0; i < natives.gpus(); i++) {
                findings.add(gpu(i, name, fp16Bytes, working, fitCounts && i == 0));
            }
        }
        if (folder != null) {
            findings.add(new Finding("model", folder.line(), folder.problem));
        }
        if (serverOptions != null && folder != null) {
            findings.addAll(servers(serverOptions));
        }

        PrintWriter out = spec.commandLine().getOut();
        for (Finding f : findings) {
            out.printf(Locale.US, "%-8s %s%n", f.label(), f.text());
        }
        long problems = findings.stream().filter(Finding::problem).count();
        out.println(problems == 0 ? "result   everything asked about is usable"
                : "result   " + problems + (problems == 1 ? " problem: " : " problems: ") + findings.stream()
                        .filter(Finding::problem).map(Finding::label).distinct().collect(Collectors.joining(", ")));
        out.flush();
        return problems == 0 ? Cli.OK : Cli.FAILED;
    }

    private static String jvm() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.US, "%s %s (%s), max heap %s; %s %s %s, %d cores",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version",
                        System.getProperty("java.version")), System.getProperty("java.vendor"), gb(rt.maxMemory()),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                rt.availableProcessors());
    }

    /** Which native jars this build carries and what DJL does with them. */
    private static String bundledLine(TorchEngine.Natives n) {
        boolean cpu = n.bundles().stream().anyMatch(b -> b.flavor().startsWith("cpu"));
        List<String> cuda = n.bundles().stream().map(TorchEngine.Bundle::flavor).filter(f -> f.startsWith("cu"))
                .distinct().toList();
        String jars = n.bundles().stream().map(TorchEngine.Bundle::jarName).distinct()
                .collect(Collectors.joining(", "));
        if (n.bundles().isEmpty()) {
            return "none bundled: DJL would download libtorch, which ai.djl.offline=true forbids";
        }
        if (cpu && !cuda.isEmpty()) {
            return "bundled " + n.bundled() + " (" + jars + "): " + cuda.get(0) + " where CUDA "
                    + cuda.get(0).substring(2, 4) + "." + cuda.get(0).substring(4) + "+ is usable, cpu elsewhere";
        }
        if (cpu) {
            return "bundled cpu only (" + jars + "): the CPU everywhere (mvn -Pcuda package adds cu124)";
        }
        return "bundled " + n.bundled() + " only (" + jars + "): no CPU fallback on machines without CUDA";
    }

    /** Where the model runs without a GPU: fp32 weights within 60% of RAM, else fp16 widened per layer. */
    private static String ram(MistralConfig config, String name) {
        long total = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
        }
        long fp32 = config.parameterCount() * 4;
        if (total == 0) {
            return "RAM unknown; " + name + " needs " + gb(fp32) + " in fp32";
        }
        return fp32 < 0.6 * total
                ? String.format(Locale.US, "RAM %s: %s on the CPU in fp32 (%s of weights, within 60%% of RAM)",
                        gb(total), name, gb(fp32))
                : String.format(Locale.US, "RAM %s: %s on the CPU keeps fp16 weights (%s, widened per layer; fp32 "
                        + "would need %s, over 60%% of RAM)", gb(total), name, gb(fp32 / 2), gb(fp32));
    }

    /** One GPU: compute capability, total and free memory, and whether the model fits in fp16. */
    private static Finding gpu(int i, String name, long weights, long working, boolean counts) {
        String label = "gpu " + i;
        try {
            MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(i));
            long total = m.getMax();
            long free = total - m.getUsed();
            boolean fits = free >= weights + working;
            return new Finding(label, String.format(Locale.US, "compute %s, %s, %s free: %s in fp16 %s (%s of "
                    + "weights + %s working)", CudaUtils.getComputeCapability(i), gb(total), gb(free), name,
                    fits ? "fits" : "does not fit", gb(weights), gb(working)), counts && !fits);
        } catch (RuntimeException e) {
            return new Finding(label, "cannot read its memory: " + e.getMessage(), counts);
        }
    }

    /**
     * GPU memory scoring needs besides the weights: the CUDA context ({@link #CUDA_CONTEXT_BYTES}) and the largest
     * transient of one prompt of {@code length} tokens. That is attention: per head an L × L score matrix in fp16, its
     * fp32 copy, the fp32 softmax and the fp16 probabilities (2 + 4 + 4 + 2 = 12 bytes per entry), plus the MLP's
     * gate|up and product (3 I fp16 values per token) and a few hidden-width tensors. Larger batches than one
     * prompt adapt: a batch that runs out of memory is halved and retried. FollowIR-7B at 2,048 tokens: 2.9 GB.
     */
    static long workingBytes(MistralConfig c, int length) {
        long l = length;
        long attention = 12L * c.heads() * l * l;
        long mlp = 3L * 2 * c.intermediateSize() * l;
        long hidden = 4L * 2 * c.hiddenSize() * l;
        return CUDA_CONTEXT_BYTES + attention + mlp + hidden;
    }

    private List<Finding> servers(ServerOptions options) {
        List<Finding> out = new ArrayList<>();
        List<RemoteScorer.Check> checks;
        try {
            checks = RemoteScorer.check(model, options);
        } catch (UserException e) {
            out.add(new Finding("server", "not checked: " + e.getMessage(), true));
            return out;
        }
        for (RemoteScorer.Check c : checks) {
            if (c.info() == null) {
                out.add(new Finding("server", c.url() + ": " + c.problem(), true));
                continue;
            }
            ServerInfo s = c.info();
            out.add(new Finding("server", String.format(Locale.US, "%s: %s, model %s, max length %s%s, %d ms, test "
                    + "p(true) %.4f%s via %s", c.url(), s.engineAndVersion(), s.modelId() == null ? "?" : s.modelId(),
                    s.maxModelLen() == null ? "?" : s.maxModelLen().toString(),
                    s.dtype() == null ? "" : ", " + s.dtype(), s.latencyMillis(), s.testPTrue(),
                    s.exact() ? "" : " (approximate)", s.route()), false));
            if (s.note() != null) {
                out.add(new Finding("note", s.note(), false));
            }
        }
        return out;
    }

    /** Decimal gigabytes, as the README gives model sizes (FollowIR-7B: 14.5 GB in fp16); megabytes below 0.1 GB. */
    static String gb(long bytes) {
        return bytes >= 100_000_000L ? String.format(Locale.US, "%.1f GB", bytes / 1e9)
                : String.format(Locale.US, "%.1f MB", bytes / 1e6);
    }

    /** {@code 7.24B}, {@code 1.3M}, {@code 9,216}. */
    static String count(long n) {
        return n >= 1_000_000_000L ? String.format(Locale.US, "%.2fB", n / 1e9)
                : n >= 1_000_000L ? String.format(Locale.US, "%.1fM", n / 1e6) : String.format(Locale.US, "%,d", n);
    }

    /** A model folder: config.json, tokenizer.json, weights; a server client needs only the first two. */
    private static final class ModelFolder {
        final Path dir;
        MistralConfig config;
        final List<String> parts = new ArrayList<>();
        String verdict;
        boolean problem;

        private ModelFolder(Path dir) {
            this.dir = dir;
        }

        static ModelFolder check(Path dir, boolean forServer) {
            ModelFolder f = new ModelFolder(dir);
            if (!Files.isDirectory(dir)) {
                f.problem = true;
                f.verdict = "not a folder";
                return f;
            }
            boolean configOk = false;
            try {
                f.config = MistralConfig.read(dir);
                configOk = true;
                f.parts.add("config.json (" + count(f.config.parameterCount()) + " parameters)");
            } catch (UserException e) {
                f.parts.add(Files.exists(dir.resolve("config.json")) ? "config.json: " + e.getMessage() : "no config.json");
            }
            boolean tokenizerOk = false;
            if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
                f.parts.add("no tokenizer.json");
            } else {
                try (FollowIrTokenizer t = FollowIrTokenizer.load(dir)) {
                    tokenizerOk = t.trueId() != t.falseId();
                    f.parts.add("tokenizer.json");
                } catch (RuntimeException e) {
                    f.parts.add("tokenizer.json: " + e.getMessage());
                }
            }
            boolean weightsOk = false;
            List<String> safetensors = list(dir, ".safetensors");
            if (safetensors.isEmpty()) {
                boolean pickle = !list(dir, ".bin").isEmpty() || !list(dir, ".pt").isEmpty();
                f.parts.add(pickle ? "only pickle .bin weights (refused: convert to or download .safetensors)"
                        : "no weights");
            } else if (configOk) {
                try (Checkpoint c = Checkpoint.open(dir)) {
                    weightsOk = true;
                    f.parts.add(String.format(Locale.US, "weights %d .safetensors file%s, %s, shapes as config.json says",
                            safetensors.size(), safetensors.size() == 1 ? "" : "s", gb(c.weightBytes())));
                } catch (RuntimeException e) {
                    f.parts.add("weights: " + e.getMessage());
                }
            } else {
                f.parts.add(safetensors.size() + " .safetensors file(s), unchecked without a config.json");
            }
            boolean client = configOk && tokenizerOk;
            if (client && weightsOk) {
                f.verdict = "usable here and as a server client";
            } else if (client) {
                f.verdict = "enough for --server" + (forServer ? "" : "; scoring here needs .safetensors weights");
                f.problem = !forServer;
            } else {
                f.verdict = "not usable: " + (configOk ? "" : "config.json") + (configOk || tokenizerOk ? "" : " and ")
                        + (tokenizerOk ? "" : "tokenizer.json") + " needed, even for --server";
                f.problem = true;
            }
            return f;
        }

        String line() {
            return dir + ": " + (parts.isEmpty() ? "" : String.join(", ", parts) + ": ") + verdict;
        }

        private static List<String> list(Path dir, String suffix) {
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
            } catch (IOException e) {
                return List.of();
            }
        }
    }
}

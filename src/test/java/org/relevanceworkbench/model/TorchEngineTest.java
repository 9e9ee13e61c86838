package org.relevanceworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.EngineException;
import ai.djl.util.Platform;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;

/** The one-line messages for DJL's native-loading failures, fed the exceptions DJL 0.33.0 throws; no GPU needed. */
class TorchEngineTest {
    static final String CPU_JAR = "jar:file:/app/lib/pytorch-native-cpu-2.5.1-linux-x86_64.jar!/native/lib/pytorch.properties";
    static final String CU124_JAR =
            "jar:file:/app/lib/pytorch-native-cu124-2.5.1-linux-x86_64.jar!/native/lib/pytorch.properties";
    static final TorchEngine.Bundle CPU = new TorchEngine.Bundle("cpu", "linux-x86_64", "2.5.1-20241113", CPU_JAR);
    static final TorchEngine.Bundle CU124 = new TorchEngine.Bundle("cu124", "linux-x86_64", "2.5.1-20241113", CU124_JAR);
    static final Path CACHE = Path.of("/home/u/.djl.ai/pytorch");

    @TempDir
    Path dir;

    static TorchEngine.Natives natives(List<TorchEngine.Bundle> bundles, int gpus, String cuda) {
        return new TorchEngine.Natives(bundles, "linux-x86_64", gpus, cuda, null, null, CACHE);
    }

    /** What LibUtils.downloadPyTorch throws offline when no bundled jar matches (PtEngine rethrows it as is). */
    static EngineException indexFailure() {
        return new EngineException("Failed to save pytorch index file", new IOException("Offline mode is enabled."));
    }

    static String explain(Throwable failure, TorchEngine.Natives natives) {
        UserException e = TorchEngine.explain(failure, natives);
        assertThat(e).as("explained").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").startsWith("cannot start PyTorch: ");
        assertThat(e.getCause()).isSameAs(failure); // --verbose still shows DJL's own trace
        return e.getMessage();
    }

    @Test
    void aCudaOnlyBuildWithoutCudaSaysSoAndWhatToDo() {
        String m = explain(indexFailure(), natives(List.of(CU124), 0, null));
        assertThat(m).contains("this build carries only the CUDA natives (cu124)")
                .contains("this machine has no usable CUDA (no driver or libcudart found)")
                .contains("ai.djl.offline=true forbids")
                .endsWith("use the CPU build (mvn package), or the -Pcuda build that carries both");
    }

    @Test
    void aCudaOnlyBuildOnOlderCudaNamesBothVersions() {
        String m = explain(indexFailure(), natives(List.of(CU124), 1, "118"));
        assertThat(m).contains("only the CUDA natives (cu124)").contains("this machine's CUDA runtime is 11.8, older than 12.4");
    }

    @Test
    void noNativeJarAtAll() {
        assertThat(explain(indexFailure(), natives(List.of(), 0, null)))
                .contains("no PyTorch native jar (pytorch-native-*.jar) is on the class path")
                .contains("lib/ folder the build made");
    }

    @Test
    void nativesForAnotherMachine() {
        TorchEngine.Bundle mac = new TorchEngine.Bundle("cpu", "osx-aarch64", "2.5.1", "jar:file:/x.jar!/p");
        assertThat(explain(new EngineException("Failed to download PyTorch native library", new IOException("x")),
                natives(List.of(mac), 0, null)))
                .contains("natives for osx-aarch64 and this machine is linux-x86_64");
    }

    @Test
    void aVersionOverrideIsNamed() {
        TorchEngine.Natives n = new TorchEngine.Natives(List.of(CPU), "linux-x86_64", 0, null, "2.4.0", null, CACHE);
        assertThat(explain(indexFailure(), n)).contains("PYTORCH_VERSION=2.4.0").endsWith("unset PYTORCH_VERSION");
    }

    @Test
    void aMissingJniLibrary() {
        EngineException e = new EngineException("Cannot download jni files: https://publish.djl.ai/pytorch/2.5.1/jnilib/"
                + "0.33.0/linux-x86_64/cpu/libdjl_torch.so", new IOException("Offline mode is enabled."));
        assertThat(explain(e, natives(List.of(CPU), 0, null)))
                .contains("the PyTorch JNI library (pytorch-jni-*.jar) for cpu is missing or of another version")
                .contains("pytorch-jni-2.5.1-0.33.0.jar");
    }

    @Test
    void anUnwritableCacheNamesTheFolder() {
        EngineException e = new EngineException("Failed to extract PyTorch native library",
                new AccessDeniedException("/home/u/.djl.ai/pytorch/2.5.1-20241113-cpu-linux-x86_64"));
        assertThat(explain(e, natives(List.of(CPU), 0, null)))
                .contains("could not unpack the cpu natives into " + CACHE)
                .contains("AccessDeniedException: /home/u/.djl.ai/pytorch/2.5.1-20241113-cpu-linux-x86_64")
                .contains("set DJL_CACHE_DIR to a writable folder");
    }

    @Test
    void cudaNativesThatDoNotLinkPointToTheCpuOnes() {
        // PtEngine.newInstance wraps anything but an EngineException in "Failed to load PyTorch native library"
        EngineException e = new EngineException("Failed to load PyTorch native library", new UnsatisfiedLinkError(
                "/home/u/.djl.ai/pytorch/2.5.1-20241113-cu124-linux-x86_64/libtorch_cuda.so: libcuda.so.1: cannot open"
                        + " shared object file: No such file or directory"));
        String m = explain(e, natives(List.of(CU124, CPU), 1, "124"));
        assertThat(m).contains("the cu124 natives would not load (/home/u/.djl.ai/pytorch/2.5.1-20241113-cu124")
                .contains("libcuda.so.1: cannot open shared object file")
                .contains("start with CUDA_VISIBLE_DEVICES=\"\"");
        assertThat(explain(new UnsatisfiedLinkError("libgomp: bad ELF"), natives(List.of(CPU), 0, null)))
                .contains("the cpu natives would not load (libgomp: bad ELF)")
                .contains("delete the unpacked copy in " + CACHE);
    }

    @Test
    void aMissingEngineJar() {
        assertThat(explain(new IllegalArgumentException("Deep learning engine not found: PyTorch"),
                natives(List.of(CPU), 0, null))).contains("pytorch-engine-*.jar) is not on the class path");
    }

    @Test
    void otherFailuresAreLeftAlone() {
        assertThat(TorchEngine.explain(new IllegalStateException("boom"), natives(List.of(CPU), 0, null))).isNull();
        assertThat(TorchEngine.explain(new EngineException("CUDA API call failed: out of memory (2)"),
                natives(List.of(CU124), 1, "124"))).isNull();
    }

    /** DJL 0.33.0's Platform.matches: cpu anywhere; cuXYZ only with a GPU whose runtime is XYZ or newer. */
    @Test
    void bundlesMatchAsDjlMatchesThem() {
        assertThat(CPU.matches("linux-x86_64", 0, null)).isTrue();
        assertThat(CPU.matches("linux-x86_64", 1, "124")).isTrue();
        assertThat(CPU.matches("linux-aarch64", 0, null)).isFalse();
        assertThat(CU124.matches("linux-x86_64", 0, null)).isFalse();
        assertThat(CU124.matches("linux-x86_64", 1, "122")).isFalse();
        assertThat(CU124.matches("linux-x86_64", 1, "124")).isTrue();
        assertThat(CU124.matches("linux-x86_64", 2, "128")).isTrue();
        // ranked as DJL sorts its candidates (flavour descending), whatever the class-path order
        assertThat(natives(List.of(CPU, CU124), 1, "126").usable()).containsExactly(CU124, CPU);
        assertThat(natives(List.of(CU124, CPU), 0, null).usable()).containsExactly(CPU);
        assertThat(CU124.jarName()).isEqualTo("pytorch-native-cu124-2.5.1-linux-x86_64.jar");
    }

    /**
     * DJL's own choice, not our model of it: a class path with a cu124 jar first and a cpu jar second, as the -Pcuda
     * build's, gives cpu on a machine without CUDA.
     */
    @Test
    void djlTakesTheCpuJarBehindACudaOneWithoutCuda() throws Exception {
        assumeTrue(CudaUtils.getGpuCount() == 0, "a machine without CUDA");
        Path cu = fakeJar("cu124", "libc10.so,libtorch.so,libtorch_cuda.so");
        Path cpu = fakeJar("cpu", "libc10.so,libtorch.so,libtorch_cpu.so");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {cu.toUri().toURL(), cpu.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(loader);
            Platform chosen = Platform.detectPlatform("pytorch");
            assertThat(chosen.getFlavor()).isEqualTo("cpu");
            assertThat(chosen.isPlaceholder()).isFalse();
            List<TorchEngine.Bundle> seen = TorchEngine.onClassPath();
            assertThat(seen).extracting(TorchEngine.Bundle::flavor).containsExactly("cu124", "cpu");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private Path fakeJar(String flavor, String libraries) throws IOException {
        Path root = Files.createDirectories(dir.resolve(flavor));
        Path props = Files.createDirectories(root.resolve("native/lib")).resolve("pytorch.properties");
        Files.writeString(props, "version=2.5.1-20241113\nflavor=" + flavor + "\nclassifier=linux-x86_64\nlibraries="
                + libraries + "\n");
        return root;
    }

    /** This test JVM has the cpu jar on its class path and DJL loads it. */
    @Test
    void theTestClassPathLoadsTheCpuNatives() {
        TorchEngine.Natives n = TorchEngine.Natives.probe();
        assertThat(n.bundles()).extracting(TorchEngine.Bundle::flavor).contains("cpu");
        assertThat(n.classifier()).isEqualTo(TorchEngine.systemClassifier());
        TorchEngine.Loaded loaded = TorchEngine.loaded();
        assertThat(loaded.engineVersion()).isEqualTo("2.5.1");
        assertThat(loaded.djlVersion()).isEqualTo("0.33.0");
        if (n.gpus() == 0) {
            assertThat(loaded.flavor()).isEqualTo("cpu");
            assertThat(loaded.source()).startsWith("pytorch-native-cpu-2.5.1");
            assertThat(loaded.gpus()).isZero();
        }
    }
}

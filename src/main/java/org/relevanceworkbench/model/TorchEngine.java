package org.relevanceworkbench.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.relevanceworkbench.common.UserException;

/**
 * The first use of DJL's PyTorch engine, and what to tell a user when its natives do not load.
 *
 * <p>DJL 0.33.0 picks libtorch in {@code ai.djl.util.Platform.detectPlatform("pytorch")}: every
 * {@code native/lib/pytorch.properties} on the class path (one per {@code pytorch-native-*} jar) that
 * {@code matches()} this machine is a candidate ({@code cpu} matches everywhere; {@code cu124} only where
 * {@code CudaUtils} finds a GPU through the system's {@code libcudart} and its runtime is 12.4 or newer), and the
 * candidates are sorted by flavour, descending ({@code cu124} before {@code cpu}), so a CUDA build carrying both
 * jars uses CUDA where it can and the CPU elsewhere. With no candidate DJL tries to download libtorch, which
 * {@code ai.djl.offline=true} forbids: "Failed to save pytorch index file". {@link #explain} turns that and the
 * other native-loading failures into one line saying what was found and what to do.
 */
public final class TorchEngine {
    public static final String NAME = "PyTorch";

    /** One {@code pytorch-native-*} jar on the class path: what its {@code pytorch.properties} says. */
    public record Bundle(String flavor, String classifier, String version, String source) {
        /** Whether DJL 0.33.0's {@code Platform.matches} accepts it on a machine of this classifier and CUDA. */
        boolean matches(String systemClassifier, int gpus, String cudaVersion) {
            if (!classifier.equals(systemClassifier)) {
                return false;
            }
            if (isCpu()) {
                return true;
            }
            Integer mine = cudaOf(flavor);
            Integer system = cudaVersion == null ? null : parse(cudaVersion);
            return gpus > 0 && mine != null && system != null && mine <= system;
        }

        boolean isCpu() {
            return flavor.startsWith("cpu") || flavor.equals("mkl");
        }

        /** The jar's file name, e.g. {@code pytorch-native-cpu-2.5.1-linux-x86_64.jar}. */
        public String jarName() {
            String s = source;
            int bang = s.indexOf("!/");
            if (bang >= 0) {
                s = s.substring(0, bang);
            }
            int slash = s.lastIndexOf('/');
            return slash >= 0 ? s.substring(slash + 1) : s;
        }
    }

    /**
     * What this machine and class path offer libtorch, as DJL sees them: the native jars, the OS and architecture,
     * the GPUs {@code CudaUtils} finds (0 without a driver or a loadable {@code libcudart}), the CUDA runtime version
     * ({@code "124"} for 12.4, null without a GPU), and the overrides that change DJL's choice.
     */
    public record Natives(List<Bundle> bundles, String classifier, int gpus, String cudaVersion, String versionOverride,
            String libraryPath, Path cacheDir) {

        public static Natives probe() {
            int gpus = CudaUtils.getGpuCount();
            String cuda = null;
            if (gpus > 0) {
                try {
                    cuda = CudaUtils.getCudaVersionString();
                } catch (RuntimeException e) {
                    cuda = null;
                }
            }
            Path cache;
            try {
                cache = Utils.getEngineCacheDir("pytorch");
            } catch (RuntimeException e) {
                cache = null;
            }
            return new Natives(onClassPath(), systemClassifier(), gpus, cuda, Utils.getEnvOrSystemProperty("PYTORCH_VERSION"),
                    Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH"), cache);
        }

        /** The bundles DJL would accept here, best first (its order: flavour descending). */
        public List<Bundle> usable() {
            return bundles.stream().filter(b -> b.matches(classifier, gpus, cudaVersion))
                    .sorted((a, b) -> b.flavor().compareTo(a.flavor())).toList();
        }

        /** For example {@code cu124 + cpu (linux-x86_64)}, or {@code none}. */
        public String bundled() {
            if (bundles.isEmpty()) {
                return "none";
            }
            return bundles.stream().map(b -> b.flavor() + (b.classifier().equals(classifier) ? "" : " " + b.classifier()))
                    .distinct().collect(Collectors.joining(" + "));
        }

        /** For example {@code CUDA 12.4 runtime, 1 GPU} or {@code no usable CUDA (no driver or libcudart found)}. */
        public String cuda() {
            if (gpus == 0) {
                return "no usable CUDA (no driver or libcudart found)";
            }
            return "CUDA " + dotted(cudaVersion) + " runtime, " + gpus + (gpus == 1 ? " GPU" : " GPUs");
        }
    }

    private TorchEngine() {
    }

    /** DJL's PyTorch engine, loading libtorch on the first call; native failures become one-line user errors. */
    public static Engine engine() {
        try {
            return Engine.getEngine(NAME);
        } catch (RuntimeException | LinkageError e) {
            UserException explained = explain(e, Natives.probe());
            if (explained == null) {
                throw e;
            }
            throw explained;
        }
    }

    /** A root NDManager of the PyTorch engine (what {@code NDManager.newBaseManager("PyTorch")} gives). */
    public static NDManager newBaseManager() {
        return engine().newBaseManager();
    }

    /** The GPUs the loaded libtorch can use: 0 with CPU natives, whatever the machine has. */
    public static int gpuCount() {
        return engine().getGpuCount();
    }

    /** What the engine loaded: versions, the native flavour and where it came from. */
    public record Loaded(String engineVersion, String djlVersion, String flavor, String source, String libtorchDir,
            int gpus) {
    }

    /** Loads the engine (see {@link #engine}) and says what it loaded. */
    public static Loaded loaded() {
        Engine engine = engine();
        Natives natives = Natives.probe();
        String dir = null;
        try {
            dir = LibUtils.getLibtorchPath();
        } catch (RuntimeException e) {
            dir = null;
        }
        String flavor;
        String source;
        if (natives.libraryPath() != null) {
            String given = Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR");
            flavor = given == null ? "?" : given;
            source = "PYTORCH_LIBRARY_PATH=" + natives.libraryPath();
        } else {
            Platform platform = Platform.detectPlatform("pytorch"); // DJL's own choice, as LibUtils made it
            flavor = platform.getFlavor();
            source = natives.bundles().stream()
                    .filter(b -> b.flavor().equals(platform.getFlavor()) && b.classifier().equals(platform.getClassifier()))
                    .map(Bundle::jarName).findFirst().orElse("a download");
        }
        return new Loaded(engine.getVersion(), Engine.getDjlVersion(), flavor, source, dir, engine.getGpuCount());
    }

    /**
     * One line for a native-loading failure of DJL's PyTorch engine, or null when {@code failure} is not one: what was
     * found (the native jars, CUDA) and what to do.
     */
    public static UserException explain(Throwable failure, Natives natives) {
        String prefix = "cannot start PyTorch: ";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.startsWith("Failed to save pytorch index file")
                    || message.startsWith("Failed to download PyTorch native library")
                    || message.startsWith("No PyTorch native library matches your operating system")) {
                return new UserException(prefix + noMatch(natives, offline(failure)), failure);
            }
            if (message.startsWith("Cannot download jni files") || message.startsWith("Cannot copy jni files")
                    || message.startsWith("No PyTorch jni version found")
                    || message.startsWith("Failed to read PyTorch jni properties file")) {
                return new UserException(prefix + "the PyTorch JNI library (pytorch-jni-*.jar) for "
                        + chosen(natives) + " is missing or of another version, and DJL tried to download it"
                        + offlineNote(failure) + ": keep target/lib/ as the build made it (mvn package), with "
                        + "pytorch-jni-2.5.1-0.33.0.jar next to the native jars", failure);
            }
            if (message.startsWith("Failed to extract PyTorch native library")) {
                return new UserException(prefix + "could not unpack the " + chosen(natives) + " natives into "
                        + (natives.cacheDir() == null ? "DJL's cache" : natives.cacheDir().toString())
                        + " (" + firstLine(rootMessage(t)) + "): set DJL_CACHE_DIR to a writable folder with "
                        + "room for them (0.5 GB for cpu, 4 GB for cu124)", failure);
            }
            if (t instanceof UnsatisfiedLinkError) {
                return new UserException(prefix + "the " + chosen(natives) + " natives would not load ("
                        + firstLine(message) + "): " + linkAdvice(natives), failure);
            }
            if (t instanceof IllegalArgumentException && message.startsWith("Deep learning engine not found")) {
                return new UserException(prefix + "DJL's PyTorch engine (pytorch-engine-*.jar) is not on the class"
                        + " path: run target/relevance-workbench.jar with its lib/ folder beside it", failure);
            }
        }
        return null;
    }

    /** DJL found no bundled natives it accepts here and tried to download some. */
    private static String noMatch(Natives n, boolean offline) {
        String tried = "DJL tried to download libtorch" + (offline ? ", which ai.djl.offline=true forbids" : " and failed");
        if (n.versionOverride() != null) {
            return "PYTORCH_VERSION=" + n.versionOverride() + " asks for another libtorch than the bundled "
                    + n.bundles().stream().map(Bundle::version).findFirst().orElse("one") + " and " + tried
                    + ": unset PYTORCH_VERSION";
        }
        if (n.bundles().isEmpty()) {
            return "no PyTorch native jar (pytorch-native-*.jar) is on the class path and " + tried
                    + ": run target/relevance-workbench.jar with the lib/ folder the build made (mvn package for the CPU,"
                    + " mvn -Pcuda package for CUDA and CPU)";
        }
        List<Bundle> here = n.bundles().stream().filter(b -> b.classifier().equals(n.classifier())).toList();
        if (here.isEmpty()) {
            return "this build carries PyTorch natives for "
                    + n.bundles().stream().map(Bundle::classifier).distinct().collect(Collectors.joining(", "))
                    + " and this machine is " + n.classifier() + "; " + tried + ": build on this machine (mvn package)";
        }
        if (here.stream().noneMatch(Bundle::isCpu)) {
            String flavors = here.stream().map(Bundle::flavor).distinct().collect(Collectors.joining(", "));
            String needs = here.stream().map(b -> cudaOf(b.flavor())).filter(v -> v != null).min(Integer::compare)
                    .map(v -> dotted(String.valueOf(v))).orElse("?");
            String machine = n.gpus() == 0 ? "this machine has no usable CUDA (no driver or libcudart found)"
                    : "this machine's CUDA runtime is " + dotted(n.cudaVersion()) + ", older than " + needs;
            return "this build carries only the CUDA natives (" + flavors + ") and " + machine + "; " + tried
                    + ": use the CPU build (mvn package), or the -Pcuda build that carries both";
        }
        return "DJL accepted none of the bundled natives (" + n.bundled() + ") on this " + n.classifier()
                + " machine with " + n.cuda() + "; " + tried + ": rebuild with mvn package";
    }

    /** What DJL chose (or would choose) here, for example {@code cu124} or {@code cpu}. */
    private static String chosen(Natives n) {
        List<Bundle> usable = n.usable();
        return usable.isEmpty() ? "bundled" : usable.get(0).flavor();
    }

    private static String linkAdvice(Natives n) {
        String cache = n.cacheDir() == null ? "~/.djl.ai/pytorch" : n.cacheDir().toString();
        List<Bundle> usable = n.usable();
        if (!usable.isEmpty() && !usable.get(0).isCpu() && usable.stream().anyMatch(Bundle::isCpu)) {
            return "to run on the bundled CPU natives instead, start with CUDA_VISIBLE_DEVICES=\"\"; else delete the"
                    + " unpacked copy in " + cache + " and try again";
        }
        return "delete the unpacked copy in " + cache + " (a partial unpack) and try again";
    }

    private static boolean offline(Throwable failure) {
        if (Utils.isOfflineMode()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Offline")) {
                return true;
            }
        }
        return false;
    }

    private static String offlineNote(Throwable failure) {
        return offline(failure) ? ", which ai.djl.offline=true forbids" : "";
    }

    /** The deepest cause's message, e.g. {@code AccessDeniedException: /home/u/.djl.ai/pytorch}. */
    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == t) {
            return String.valueOf(t.getMessage());
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    /** The CUDA version of a flavour like {@code cu124} (124), or null. */
    static Integer cudaOf(String flavor) {
        if (flavor.length() < 5 || !flavor.startsWith("cu")) {
            return null;
        }
        return parse(flavor.substring(2, 5));
    }

    private static Integer parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code 124} → {@code 12.4}. */
    static String dotted(String version) {
        if (version == null || version.length() < 2) {
            return String.valueOf(version);
        }
        return version.substring(0, version.length() - 1) + "." + version.substring(version.length() - 1);
    }

    /** {@code linux-x86_64}, as DJL names this machine. */
    static String systemClassifier() {
        String os = System.getProperty("os.name", "");
        String prefix = os.startsWith("Win") ? "win" : os.startsWith("Mac") ? "osx" : os.startsWith("Linux") ? "linux"
                : os.toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return prefix + "-" + ("amd64".equals(arch) ? "x86_64" : arch);
    }

    /** Every {@code native/lib/pytorch.properties} on the class path, in class-path order. */
    static List<Bundle> onClassPath() {
        List<Bundle> out = new ArrayList<>();
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = TorchEngine.class.getClassLoader();
            }
            Enumeration<URL> urls = loader.getResources("native/lib/pytorch.properties");
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                Properties p = new Properties();
                try (InputStream in = url.openStream()) {
                    p.load(in);
                }
                if (p.getProperty("placeholder") != null) {
                    continue;
                }
                String classifier = p.getProperty("classifier", "");
                String flavor = p.getProperty("flavor");
                if (flavor == null && classifier.contains("-")) { // older jars: "cu124-linux-x86_64"
                    flavor = classifier.substring(0, classifier.indexOf('-'));
                    classifier = classifier.substring(classifier.indexOf('-') + 1);
                }
                out.add(new Bundle(flavor == null ? "?" : flavor, classifier, p.getProperty("version", "?"),
                        url.toString()));
            }
        } catch (IOException e) {
            // nothing to report beyond what DJL itself says
        }
        return out;
    }
}

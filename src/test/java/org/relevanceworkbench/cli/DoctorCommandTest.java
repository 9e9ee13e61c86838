package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.FollowIrTokenizer;
import org.relevanceworkbench.model.MistralConfig;
import org.relevanceworkbench.remote.Golden;
import org.relevanceworkbench.remote.VllmServer;

/** doctor, in-process: the machine, a model folder, servers; exit 0 only when everything asked about is usable. */
class DoctorCommandTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner();

    @Test
    void onThisMachineItNamesTheCpuNativesAndNoCuda() {
        assumeTrue(CudaUtils.getGpuCount() == 0, "a machine without CUDA");
        CliRunner.Result r = cli.run("doctor");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("java     ").contains(Runtime.getRuntime().availableProcessors() + " cores")
                .containsPattern("engine   PyTorch 2\\.5\\.1 on DJL 0\\.33\\.0, cpu natives from "
                        + "pytorch-native-cpu-2\\.5\\.1-linux-x86_64\\.jar")
                .containsPattern("natives  bundled (cu\\d+ \\+ )?cpu") // cpu only, or -Pcuda's cu124 + cpu
                .contains("cuda     no CUDA device (no driver or libcudart found")
                .contains("memory   RAM ")
                .contains("result   everything asked about is usable");
        assertThat(r.out().lines()).hasSizeLessThanOrEqualTo(8);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aTokenizerOnlyFolderAndAVllmServer() throws Exception {
        Path tokenizer = Golden.tokenizerOnly(dir);
        try (FollowIrScorer local = Golden.localScorer();
                VllmServer vllm = new VllmServer(Golden.backend(local), "jhu-clsp/FollowIR-7B", true,
                        local.tokenizer().trueId(), local.tokenizer().falseId())) {
            CliRunner.Result r = cli.run("doctor", "--model", tokenizer.toString(), "--server", vllm.url().toString());
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out())
                    .contains("model    " + tokenizer + ": config.json (")
                    .contains("tokenizer.json, no weights: enough for --server")
                    .containsPattern("server   " + vllm.url() + "/?: vLLM 0\\.11\\.0, model jhu-clsp/FollowIR-7B,"
                            + " max length 4096, \\d+ ms, test p\\(true\\) 0\\.\\d{4} via vllm-classify")
                    .contains("result   everything asked about is usable");
        }
    }

    @Test
    void anUnreachableServerIsOneLineAndExitOne() throws Exception {
        Path tokenizer = Golden.tokenizerOnly(dir);
        CliRunner.Result r = cli.run("doctor", "--model", tokenizer.toString(), "--server", "http://127.0.0.1:1",
                "--timeout", "5");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("server ")))
                .singleElement().asString().matches("server   http://127\\.0\\.0\\.1:1/?: refused the connection.*");
        assertThat(r.out()).contains("result   1 problem: server");
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void withoutServersAFolderNeedsWeights() throws Exception {
        Path tokenizer = Golden.tokenizerOnly(dir);
        CliRunner.Result r = cli.run("doctor", "--model", tokenizer.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("no weights: enough for --server; scoring here needs .safetensors weights")
                .contains("result   1 problem: model");
        Files.createDirectories(dir.resolve("empty"));
        CliRunner.Result empty = cli.run("doctor", "--model", dir.resolve("empty").toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.out()).contains("no config.json, no tokenizer.json, no weights: not usable");
    }

    @Test
    void theGoldenCheckpointIsUsableHere() throws Exception {
        Path tiny = Golden.folder().resolve("tiny-bf16");
        CliRunner.Result r = cli.run("doctor", "--model", tiny.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).contains("weights 1 .safetensors file").contains("usable here and as a server client");
    }

    @Test
    void aServerNeedsAModelFolder() {
        CliRunner.Result r = cli.run("doctor", "--server", "http://127.0.0.1:1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: --server needs --model DIR: the folder's config.json and"
                + " tokenizer.json make the test prompt (no weights needed)");
    }

    /** FollowIR-7B in fp16: 7,241,732,096 parameters × 2 bytes = 14.5 GB, plus 2.9 GB to run one 2,048-token prompt. */
    @Test
    void followIr7bSizes() {
        assertThat(MistralConfig.FOLLOWIR_7B.parameterCount()).isEqualTo(7_241_732_096L);
        assertThat(DoctorCommand.gb(MistralConfig.FOLLOWIR_7B.parameterCount() * 2)).isEqualTo("14.5 GB");
        assertThat(DoctorCommand.gb(DoctorCommand.workingBytes(MistralConfig.FOLLOWIR_7B,
                FollowIrTokenizer.DEFAULT_MAX_LENGTH))).isEqualTo("2.9 GB");
    }
}

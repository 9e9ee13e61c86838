package org.relevanceworkbench.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache scan on a cache tree made by hand: refs, snapshots, symlinks and copies, several revisions. */
class ModelCatalogTest {
    static final String MAIN = "1111111111111111111111111111111111111111";
    static final String OLD = "0000000000000000000000000000000000000000";
    static final String PR = "2222222222222222222222222222222222222222";
    static final String MISTRAL = "{\"model_type\": \"mistral\", \"architectures\": [\"MistralForCausalLM\"]}";

    @TempDir
    Path cache;

    /** A blob and a snapshot file pointing at it with a relative link, as huggingface_hub writes them. */
    static void linked(Path repo, String commit, String name, String content) throws IOException {
        String etag = Integer.toHexString(content.hashCode()) + name.length();
        Path blob = repo.resolve("blobs").resolve(etag);
        Files.createDirectories(blob.getParent());
        Files.writeString(blob, content);
        Path pointer = repo.resolve("snapshots").resolve(commit).resolve(name);
        Files.createDirectories(pointer.getParent());
        Files.createSymbolicLink(pointer, pointer.getParent().relativize(blob));
    }

    /** A snapshot file as a copy (where symlinks cannot be made). */
    static void copied(Path repo, String commit, String name, String content) throws IOException {
        Path file = repo.resolve("snapshots").resolve(commit).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static void ref(Path repo, String name, String commit) throws IOException {
        Path ref = repo.resolve("refs").resolve(name);
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, commit); // huggingface_hub writes no newline
    }

    @Test
    void findsEveryRevisionOfFollowIrAndTheMistralAndLlamaModelsAndNothingElse() throws IOException,
            URISyntaxException {
        Path followir = cache.resolve("models--jhu-clsp--FollowIR-7B");
        String index = "{\"weight_map\": {\"a\": \"model-00001-of-00002.safetensors\","
                + " \"b\": \"model-00002-of-00002.safetensors\"}}";
        // main: sharded, all there, through symlinks
        linked(followir, MAIN, "config.json", MISTRAL);
        linked(followir, MAIN, "tokenizer.json", "{\"v\": 1}");
        linked(followir, MAIN, "model.safetensors.index.json", index);
        linked(followir, MAIN, "model-00001-of-00002.safetensors", "x".repeat(3000));
        linked(followir, MAIN, "model-00002-of-00002.safetensors", "y".repeat(2000));
        ref(followir, "main", MAIN);
        // an old revision, no ref, copies instead of links, config and tokenizer only
        copied(followir, OLD, "config.json", MISTRAL);
        copied(followir, OLD, "tokenizer.json", "{\"v\": 0}");
        Files.setLastModifiedTime(followir.resolve("snapshots").resolve(OLD), FileTime.fromMillis(1_000));
        // a pull request's revision with one shard missing and one link broken
        linked(followir, PR, "config.json", MISTRAL);
        linked(followir, PR, "tokenizer.json", "{\"v\": 2}");
        linked(followir, PR, "model.safetensors.index.json", index);
        linked(followir, PR, "model-00001-of-00002.safetensors", "z".repeat(100));
        Path broken = followir.resolve("snapshots").resolve(PR).resolve("model-00002-of-00002.safetensors");
        Files.createSymbolicLink(broken, Path.of("../../blobs/deadbeef"));
        ref(followir, "pr/1", PR);

        Path mistral = cache.resolve("models--mistralai--Mistral-7B-Instruct-v0.2");
        linked(mistral, MAIN, "config.json", MISTRAL);
        linked(mistral, MAIN, "tokenizer.json", "{}");
        linked(mistral, MAIN, "tokenizer_config.json", "{}");
        ref(mistral, "main", MAIN);

        Path llama = cache.resolve("models--meta-llama--Llama-2-7b-hf");
        linked(llama, MAIN, "config.json", "{\"model_type\": \"llama\", \"architectures\": [\"LlamaForCausalLM\"]}");
        linked(llama, MAIN, "tokenizer.json", "{}");
        linked(llama, MAIN, "pytorch_model.bin", "pickle");
        ref(llama, "main", MAIN);

        Path bert = cache.resolve("models--google-bert--bert-base-uncased");
        linked(bert, MAIN, "config.json", "{\"model_type\": \"bert\", \"architectures\": [\"BertForMaskedLM\"]}");
        linked(bert, MAIN, "model.safetensors", "w");
        ref(bert, "main", MAIN);

        Path classifier = cache.resolve("models--someone--mistral-classifier");
        linked(classifier, MAIN, "config.json", "{\"model_type\": \"mistral\", \"architectures\":"
                + " [\"MistralForSequenceClassification\"]}");
        ref(classifier, "main", MAIN);

        Files.createDirectories(cache.resolve("datasets--someone--data/snapshots/" + MAIN));
        Files.createDirectories(cache.resolve(".locks/models--jhu-clsp--FollowIR-7B"));

        Path golden = Path.of(ModelCatalogTest.class.getResource("/followir-golden/tiny-bf16").toURI());
        Path alias = followir.resolve("snapshots").resolve(MAIN); // also passed as recent: listed once
        List<LocalModel> found = ModelCatalog.scan(cache, List.of(golden, cache.resolve("no/such/folder"), alias));

        assertThat(found).extracting(LocalModel::name, LocalModel::revision, LocalModel::contents).containsExactly(
                org.assertj.core.groups.Tuple.tuple("jhu-clsp/FollowIR-7B", "main 1111111",
                        "safetensors (2 shards)"),
                org.assertj.core.groups.Tuple.tuple("jhu-clsp/FollowIR-7B", "pr/1 2222222",
                        "incomplete: 1 of 2 shards"),
                org.assertj.core.groups.Tuple.tuple("jhu-clsp/FollowIR-7B", "0000000", "tokenizer only"),
                org.assertj.core.groups.Tuple.tuple("meta-llama/Llama-2-7b-hf", "main 1111111",
                        "pickle weights only (refused)"),
                org.assertj.core.groups.Tuple.tuple("mistralai/Mistral-7B-Instruct-v0.2", "main 1111111",
                        "tokenizer only"),
                org.assertj.core.groups.Tuple.tuple("tiny-bf16", "", "safetensors"));

        LocalModel main = found.get(0);
        assertThat(main.source()).isEqualTo(LocalModel.Source.HUB_CACHE);
        assertThat(main.folder()).isEqualTo(alias);
        assertThat(main.commit()).isEqualTo(MAIN);
        assertThat(main.followIr()).isTrue();
        assertThat(main.loadable()).isTrue();
        assertThat(main.modelType()).isEqualTo("mistral");
        assertThat(main.architectures()).containsExactly("MistralForCausalLM");
        assertThat(main.bytes()).isEqualTo(MISTRAL.length() + "{\"v\": 1}".length() + index.length() + 3000 + 2000);
        assertThat(found.get(1).loadable()).isFalse();
        assertThat(found.get(1).bytes()).as("the broken link counts nothing")
                .isEqualTo(MISTRAL.length() + "{\"v\": 2}".length() + index.length() + 100);
        assertThat(found.get(2).tokenizerFolder()).isTrue();
        assertThat(found.get(2).refs()).isEmpty();
        LocalModel recent = found.get(5);
        assertThat(recent.source()).isEqualTo(LocalModel.Source.RECENT);
        assertThat(recent.commit()).isNull();
        assertThat(recent.loadable()).isTrue();
        assertThat(recent.bytes()).isGreaterThan(8_000_000);
    }

    @Test
    void aMissingOrEmptyCacheFindsNothing() throws IOException {
        assertThat(ModelCatalog.scan(cache.resolve("absent"), List.of())).isEmpty();
        assertThat(ModelCatalog.scan(cache, List.of())).isEmpty();
        Files.createDirectories(cache.resolve("models--a--b")); // no snapshots folder
        assertThat(ModelCatalog.scan(cache, List.of())).isEmpty();
    }
}

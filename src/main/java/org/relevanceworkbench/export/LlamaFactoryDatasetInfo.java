package org.relevanceworkbench.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relevanceworkbench.common.UserException;

/**
 * LLaMA-Factory's {@code dataset_info.json}, which registers datasets by name for {@code --dataset}.
 * Our entry names the exported file (relative to the folder, as LLaMA-Factory resolves
 * {@code file_name} against its {@code --dataset_dir}) and maps the alpaca columns. An existing file
 * (LLaMA-Factory's own {@code data/dataset_info.json} lists dozens of datasets) keeps every other
 * entry; only ours is replaced.
 */
final class LlamaFactoryDatasetInfo {
    static final String FILE_NAME = "dataset_info.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LlamaFactoryDatasetInfo() {
    }

    /** The content {@code infoFile} should have with the dataset registered; read before anything is written. */
    static String merged(Path infoFile, String datasetName, String dataFileName) throws IOException {
        ObjectNode root;
        if (Files.exists(infoFile)) {
            JsonNode existing;
            try {
                existing = JSON.readTree(Files.readString(infoFile, StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new UserException(infoFile + " is not valid JSON; fix or remove it first", e);
            }
            if (!(existing instanceof ObjectNode object)) {
                throw new UserException(infoFile + " is not a JSON object of datasets; fix or remove it first");
            }
            root = object;
        } else {
            root = JSON.createObjectNode();
        }
        ObjectNode entry = root.putObject(datasetName);
        entry.put("file_name", dataFileName);
        entry.put("formatting", "alpaca");
        ObjectNode columns = entry.putObject("columns");
        columns.put("prompt", "instruction");
        columns.put("query", "input");
        columns.put("response", "output");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
}

package org.relevanceworkbench.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** The JSON chores every route shares. */
final class Json {
    private Json() {
    }

    static byte[] bytes(JsonNode node) {
        try {
            return HttpAnswer.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of ints and strings always writes", e);
        }
    }

    /** A server that answers for another model than asked (it was restarted with another, say) is not used. */
    static void checkModel(JsonNode root, String modelId) throws ServerFailure {
        JsonNode model = root.get("model");
        if (modelId != null && model != null && model.isTextual() && !model.asText().equals(modelId)) {
            throw new ServerFailure(ServerFailure.Kind.UNUSABLE, "answered for model '" + model.asText() + "', not '"
                    + modelId + "'");
        }
    }
}

package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;

/** The check every route makes of an answer. */
final class Json {
    private Json() {
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

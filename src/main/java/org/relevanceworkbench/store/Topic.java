package org.relevanceworkbench.store;

import java.util.List;
import java.util.Optional;

/** An information need with its instruction variants, baseline first. */
public record Topic(long row, String topicId, String query, String description, String narrative,
        List<Variant> variants) {

    public Optional<Variant> variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}

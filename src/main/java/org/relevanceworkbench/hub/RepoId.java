package org.relevanceworkbench.hub;

import java.util.regex.Pattern;
import org.relevanceworkbench.common.UserException;

/**
 * A model repository on the hub, {@code ORG/NAME} (or a bare {@code NAME}), checked as {@code huggingface_hub}'s
 * {@code validate_repo_id} checks it, and its folder in the cache: {@code models--ORG--NAME}
 * ({@code repo_folder_name} in {@code src/huggingface_hub/file_download.py}).
 */
public record RepoId(String id) {
    /** {@code REPO_ID_REGEX} of huggingface_hub's {@code utils/_validators.py}. */
    private static final Pattern VALID = Pattern.compile("^(\\b[\\w\\-.]+\\b/)?\\b[\\w\\-.]{1,96}\\b$");
    static final String PREFIX = "models--";

    public RepoId {
        if (id == null || !VALID.matcher(id).matches() || id.contains("--") || id.contains("..")
                || id.endsWith(".git")) {
            throw new UserException("'" + id + "' is not a Hugging Face model id (ORG/NAME, e.g. jhu-clsp/FollowIR-7B)");
        }
    }

    public static RepoId of(String id) {
        return new RepoId(id == null ? null : id.strip());
    }

    /** The repository's folder in the hub cache. */
    public String folderName() {
        return PREFIX + id.replace("/", "--");
    }

    /** The id a cache folder stands for ({@code scan_cache_dir}'s reading: the first "--" after the type, then "/"). */
    static String idOfFolder(String folder) {
        return folder.substring(PREFIX.length()).replace("--", "/");
    }

    @Override
    public String toString() {
        return id;
    }
}

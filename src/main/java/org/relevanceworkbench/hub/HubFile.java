package org.relevanceworkbench.hub;

/**
 * One file of a repository at a commit, as the hub's {@code ?blobs=true} listing gives it (a sibling with
 * {@code rfilename}, {@code size}, {@code blobId} and, for Git LFS files, {@code lfs.sha256}; {@code RepoSibling} and
 * {@code BlobLfsInfo} in {@code src/huggingface_hub/hf_api.py}). A field the listing lacks is null.
 *
 * <p>Its ETag, the name of its blob in the cache, is the LFS sha256 or else the git blob id, as the hub's
 * {@code X-Linked-Etag} / {@code ETag} headers give it.
 */
public record HubFile(String name, Long size, String blobId, String lfsSha256) {
    public boolean lfs() {
        return lfsSha256 != null;
    }

    /** The ETag the listing implies, or null when it says neither. */
    public String etag() {
        return lfsSha256 != null ? lfsSha256 : blobId;
    }
}

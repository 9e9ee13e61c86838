package org.relevanceworkbench.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Where a download's files go, in one of the two layouts {@code huggingface_hub} writes
 * ({@code src/huggingface_hub/file_download.py}, {@code src/huggingface_hub/_local_folder.py}), so that Python tools
 * and this app share one copy.
 */
abstract class Layout {
    /** The folder a model loads from. */
    abstract Path folder();

    /** Whether the file is already complete for this commit (no HTTP needed). */
    abstract boolean complete(HubFile file);

    /** Where a complete file (listing's name) can be read now, when {@link #complete}. */
    abstract Path readable(HubFile file);

    /** Where a verified blob of this ETag already is, or null. */
    abstract Path existingBlob(String etag, long size);

    abstract Path incomplete(String name, String etag);

    abstract Path lock(String name, String etag);

    /** Moves a verified download into place. */
    abstract void place(String name, String etag, Path verified) throws IOException;

    /** Makes the file visible for this commit from a blob already there. */
    abstract void link(String name, String etag, Path blob) throws IOException;

    /** After every file: what records the revision. */
    abstract void finish(String revision) throws IOException;

    /** Where free space is counted. */
    abstract Path spaceRoot();

    /** What the lock protects, for the refusal. */
    abstract String describe();

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        moveAtomically(temp, file);
    }

    /**
     * The hub cache: {@code blobs/<etag>}, {@code snapshots/<commit>/<file>} as a relative symlink to its blob
     * ({@code ../../blobs/<etag>}, {@code _create_symlink}), {@code refs/<revision>} holding the commit
     * ({@code _cache_commit_hash_for_specific_revision}), locks in {@code <cache>/.locks/models--ORG--NAME/<etag>.lock}
     * and partial blobs as {@code blobs/<etag>.incomplete} ({@code _hf_hub_download_to_cache_dir}). Where symlinks
     * cannot be made (Windows without developer mode), the file is moved or copied into the snapshot instead, as
     * huggingface_hub does.
     */
    static final class Cache extends Layout {
        private final Path cache;
        private final RepoId repo;
        private final String commit;
        private final Path storage;

        Cache(Path cache, RepoId repo, String commit) {
            this.cache = cache.toAbsolutePath();
            this.repo = repo;
            this.commit = commit;
            this.storage = this.cache.resolve(repo.folderName());
        }

        @Override
        Path folder() {
            return storage.resolve("snapshots").resolve(commit);
        }

        private Path pointer(String name) {
            return folder().resolve(name);
        }

        private Path blob(String etag) {
            return storage.resolve("blobs").resolve(etag);
        }

        @Override
        boolean complete(HubFile file) {
            Path p = pointer(file.name());
            try {
                return Files.isRegularFile(p) && (file.size() == null || Files.size(p) == file.size());
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        Path readable(HubFile file) {
            return pointer(file.name());
        }

        @Override
        Path existingBlob(String etag, long size) {
            Path b = blob(etag);
            try {
                return Files.isRegularFile(b, LinkOption.NOFOLLOW_LINKS) && Files.size(b) == size ? b : null;
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        Path incomplete(String name, String etag) {
            return storage.resolve("blobs").resolve(etag + ".incomplete");
        }

        @Override
        Path lock(String name, String etag) {
            return cache.resolve(".locks").resolve(repo.folderName()).resolve(etag + ".lock");
        }

        @Override
        void place(String name, String etag, Path verified) throws IOException {
            Path blob = blob(etag);
            moveAtomically(verified, blob);
            pointTo(name, blob, true);
        }

        @Override
        void link(String name, String etag, Path blob) throws IOException {
            pointTo(name, blob, false);
        }

        private void pointTo(String name, Path blob, boolean newBlob) throws IOException {
            Path pointer = pointer(name);
            Files.createDirectories(pointer.getParent());
            Files.deleteIfExists(pointer);
            try {
                Files.createSymbolicLink(pointer, pointer.getParent().relativize(blob));
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (newBlob) {
                    Files.move(blob, pointer);
                } else {
                    Files.copy(blob, pointer);
                }
            }
        }

        @Override
        void finish(String revision) throws IOException {
            if (revision.equals(commit)) {
                return;
            }
            Path ref = storage.resolve("refs").resolve(revision).normalize();
            if (!ref.startsWith(storage.resolve("refs"))) {
                return;
            }
            if (!Files.isRegularFile(ref) || !Files.readString(ref).strip().equals(commit)) {
                writeAtomically(ref, commit);
            }
        }

        @Override
        Path spaceRoot() {
            return cache;
        }

        @Override
        String describe() {
            return repo + " into the Hugging Face cache " + cache;
        }
    }

    /**
     * A plain folder, as {@code hf_hub_download(local_dir=...)} writes one: the files themselves, and beside them
     * {@code .cache/huggingface/download/<file>.metadata} (commit, ETag, time), {@code <file>.lock} and partial files
     * {@code <short hash>.<etag>.incomplete} ({@code get_local_download_paths}, {@code write_download_metadata}).
     */
    static final class Folder extends Layout {
        private final Path dir;
        private final String commit;

        Folder(Path dir, String commit) {
            this.dir = dir.toAbsolutePath();
            this.commit = commit;
        }

        private Path download() {
            return dir.resolve(".cache").resolve("huggingface").resolve("download");
        }

        private Path metadata(String name) {
            return download().resolve(name + ".metadata");
        }

        @Override
        Path folder() {
            return dir;
        }

        /** {@code read_download_metadata}: the ETag matches and the file was not touched since. */
        @Override
        boolean complete(HubFile file) {
            Path target = dir.resolve(file.name());
            Path meta = metadata(file.name());
            if (file.etag() == null || !Files.isRegularFile(target) || !Files.isRegularFile(meta)) {
                return false;
            }
            try {
                List<String> lines = Files.readAllLines(meta, StandardCharsets.UTF_8);
                if (lines.size() < 3 || !lines.get(1).strip().equals(file.etag())) {
                    return false;
                }
                double timestamp = Double.parseDouble(lines.get(2).strip());
                double modified = Files.getLastModifiedTime(target).toMillis() / 1000.0;
                return modified - 1 <= timestamp && (file.size() == null || Files.size(target) == file.size());
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        @Override
        Path readable(HubFile file) {
            return dir.resolve(file.name());
        }

        @Override
        Path existingBlob(String etag, long size) {
            return null;
        }

        @Override
        Path incomplete(String name, String etag) {
            return download().resolve(shortHash(name + ".metadata") + "." + etag + ".incomplete");
        }

        @Override
        Path lock(String name, String etag) {
            return download().resolve(name + ".lock");
        }

        @Override
        void place(String name, String etag, Path verified) throws IOException {
            moveAtomically(verified, dir.resolve(name));
            writeAtomically(metadata(name), commit + "\n" + etag + "\n"
                    + String.format(Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0) + "\n");
        }

        @Override
        void link(String name, String etag, Path blob) {
            throw new IllegalStateException("a plain folder has no blobs");
        }

        @Override
        void finish(String revision) throws IOException {
            Path gitignore = dir.resolve(".cache").resolve("huggingface").resolve(".gitignore");
            if (!Files.exists(gitignore)) {
                writeAtomically(gitignore, "*");
            }
        }

        @Override
        Path spaceRoot() {
            return dir;
        }

        @Override
        String describe() {
            return "the folder " + dir;
        }

        /** {@code _short_hash}: the URL-safe base64 of the name's SHA-1. */
        static String shortHash(String name) {
            try {
                return Base64.getUrlEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest(name.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

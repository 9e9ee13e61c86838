package org.relevanceworkbench.formats;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A file to import: a path, or a resource bundled in the app (the sample corpora). Opening it
 * gunzips transparently when the content starts with gzip's magic bytes, whatever the name says,
 * and counts the raw bytes read so that progress reflects the file on disk.
 */
public final class SourceFile {
    private static final int GZIP_MAGIC = 0x8b1f;

    private final String name;
    private final Path path;
    private final String resource;
    private final long size;
    private final AtomicLong bytesRead = new AtomicLong();

    private SourceFile(String name, Path path, String resource, long size) {
        this.name = name;
        this.path = path;
        this.resource = resource;
        this.size = size;
    }

    /** A file or folder on disk; its name in messages is the path as the user gave it. */
    public static SourceFile of(Path path) {
        long size;
        try {
            size = Files.isRegularFile(path) ? Files.size(path) : -1;
        } catch (IOException e) {
            size = -1;
        }
        return new SourceFile(path.toString(), path, null, size);
    }

    /** A resource on the class path, e.g. {@code /sample-corpora/james-cameron/corpus.jsonl}. */
    public static SourceFile ofResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        return new SourceFile(name, null, resource, -1);
    }

    public String name() {
        return name;
    }

    /** The path on disk, or null for a bundled resource. */
    public Path path() {
        return path;
    }

    public boolean isDirectory() {
        return path != null && Files.isDirectory(path);
    }

    /** Size on disk in bytes, or -1 when unknown. */
    public long size() {
        return size;
    }

    /** Raw bytes consumed so far by streams from {@link #open()}. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** For readers that open files themselves (a folder of .txt files): counts their bytes as progress. */
    void countBytes(long n) {
        bytesRead.addAndGet(n);
    }

    /** The name without a trailing {@code .gz}, lower-cased: what format detection looks at. */
    public String plainName() {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
    }

    /** Opens the content, gunzipped when it is gzip. */
    public InputStream open() throws IOException {
        InputStream raw = path != null ? Files.newInputStream(path) : openResource();
        BufferedInputStream counted = new BufferedInputStream(new CountingStream(raw, bytesRead), 1 << 16);
        counted.mark(2);
        int b0 = counted.read();
        int b1 = counted.read();
        counted.reset();
        if (b0 >= 0 && b1 >= 0 && ((b1 << 8) | b0) == GZIP_MAGIC) {
            return new BufferedInputStream(new GZIPInputStream(counted, 1 << 16), 1 << 16);
        }
        return counted;
    }

    private InputStream openResource() throws IOException {
        InputStream in = SourceFile.class.getResourceAsStream(resource);
        if (in == null) {
            throw new java.io.FileNotFoundException(resource + " is not bundled with this build");
        }
        return in;
    }

    /** The first bytes of the (gunzipped) content, for format detection; fewer when the file is shorter. */
    public byte[] peek(int max) throws IOException {
        try (InputStream in = open()) {
            byte[] buf = in.readNBytes(max);
            bytesRead.set(0);
            return Arrays.copyOf(buf, buf.length);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong counter;

        CountingStream(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counter.addAndGet(skipped);
            return skipped;
        }
    }
}

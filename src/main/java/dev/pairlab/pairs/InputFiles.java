package dev.pairlab.pairs;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens input files, transparently un-gzipping them, and counts the bytes read for progress. */
public final class InputFiles {

    private InputFiles() {
    }

    /** A stream over the file's (decompressed) bytes that reports how many file bytes were read. */
    public static final class Opened extends FilterInputStream {
        private final CountingStream raw;
        private final long size;
        private final boolean gzip;

        private Opened(InputStream in, CountingStream raw, long size, boolean gzip) {
            super(in);
            this.raw = raw;
            this.size = size;
            this.gzip = gzip;
        }

        /** Bytes of the file (compressed, if gzip) consumed so far. */
        public long fileBytesRead() {
            return raw.count;
        }

        public long fileSize() {
            return size;
        }

        public boolean gzip() {
            return gzip;
        }
    }

    public static Opened open(Path file) throws IOException, BadInputException {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a folder, not a file");
        }
        long size;
        InputStream base;
        try {
            size = Files.size(file);
            base = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        }
        CountingStream counting = new CountingStream(new BufferedInputStream(base, 1 << 16));
        counting.mark(2);
        int b0 = counting.read();
        int b1 = counting.read();
        counting.reset();
        counting.count = 0;
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        InputStream in = counting;
        if (gzip) {
            try {
                in = new BufferedInputStream(new GzipMembers(counting), 1 << 16);
            } catch (IOException e) {
                counting.close();
                throw new BadInputException(file + ": corrupt gzip header (" + e.getMessage() + ")");
            }
        }
        return new Opened(in, counting, size, gzip);
    }

    /**
     * The error for gzip data that cannot be read to its end: truncated, corrupt, or followed by
     * bytes that are not another gzip member.
     *
     * @param line the line being read when it happened, or 0 when unknown
     */
    static BadInputException gzipProblem(Path file, long line, IOException e) {
        String what = e instanceof GzipMembers.TrailingDataException
                ? "trailing garbage after the gzip data: " + e.getMessage()
                : "the gzip data is truncated or corrupt (" + e.getMessage() + ")";
        return BadInputException.at(file, line, what);
    }

    private static final class CountingStream extends FilterInputStream {
        long count;
        private long markCount;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public synchronized void mark(int readlimit) {
            super.mark(readlimit);
            markCount = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = markCount;
        }
    }
}

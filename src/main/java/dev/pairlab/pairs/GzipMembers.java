package dev.pairlab.pairs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The decompressed bytes of a gzip file of one or more members (RFC 1952, section 2.2). Unlike
 * {@link java.util.zip.GZIPInputStream}, which silently stops at bytes after a member that do not
 * start another one, anything after the last member is an error: a file with trailing garbage
 * was damaged or concatenated by mistake, and what the garbage held is lost.
 */
final class GzipMembers extends InputStream {

    /** Bytes after the last member that are not another member. */
    static final class TrailingDataException extends ZipException {
        TrailingDataException(String message) {
            super(message);
        }
    }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final PushbackInputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[1 << 16];
    private int inputLength;
    private long memberBytes;
    private long compressedBefore;
    private boolean eof;

    /** Reads the first member's header; throws if the data does not start like gzip. */
    GzipMembers(InputStream compressed) throws IOException {
        this.in = new PushbackInputStream(compressed, input.length);
        readHeader();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            if (inflater.finished()) {
                endMember();
                continue;
            }
            if (inflater.needsInput()) {
                inputLength = in.read(input, 0, input.length);
                if (inputLength < 0) {
                    throw new EOFException("Unexpected end of ZLIB input stream");
                }
                inflater.setInput(input, 0, inputLength);
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(e.getMessage() == null ? "invalid deflate data" : e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.needsDictionary()) {
                throw new ZipException("deflate data needs a preset dictionary, which gzip never has");
            }
        }
        return -1;
    }

    /** Checks the member's trailer, then starts the next member, or ends at the end of the file. */
    private void endMember() throws IOException {
        int rest = inflater.getRemaining();
        if (rest > 0) {
            in.unread(input, inputLength - rest, rest);
        }
        compressedBefore += inflater.getBytesRead();
        long storedCrc = readInt();
        long storedSize = readInt();
        if (storedCrc != crc.getValue() || storedSize != (memberBytes & 0xFFFFFFFFL)) {
            throw new ZipException("Corrupt GZIP trailer");
        }
        compressedBefore += 8;
        int b0 = in.read();
        if (b0 < 0) {
            eof = true;
            return;
        }
        int b1 = in.read();
        if (b0 != 0x1f || b1 != 0x8b) {
            throw new TrailingDataException("data after the end of the gzip stream that is not another gzip member"
                    + " (at compressed byte " + compressedBefore + ")");
        }
        in.unread(b1);
        in.unread(b0);
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        readHeader();
    }

    private void readHeader() throws IOException {
        if (readByte() != 0x1f || readByte() != 0x8b) {
            throw new ZipException("Not in GZIP format");
        }
        if (readByte() != 8) {
            throw new ZipException("Unsupported compression method");
        }
        int flags = readByte();
        for (int i = 0; i < 6; i++) { // modification time, extra flags, operating system
            readByte();
        }
        int headerBytes = 10;
        if ((flags & FEXTRA) != 0) {
            int n = readByte() | readByte() << 8;
            for (int i = 0; i < n; i++) {
                readByte();
            }
            headerBytes += 2 + n;
        }
        if ((flags & FNAME) != 0) {
            headerBytes += skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            headerBytes += skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            readByte();
            readByte();
            headerBytes += 2;
        }
        compressedBefore += headerBytes;
    }

    private int skipZeroTerminated() throws IOException {
        int n = 1;
        while (readByte() != 0) {
            n++;
        }
        return n;
    }

    private long readInt() throws IOException {
        return (readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24) & 0xFFFFFFFFL;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("Unexpected end of the gzip data");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}

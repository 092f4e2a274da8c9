package dev.pairlab.store;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.PairReader;
import dev.pairlab.pairs.ParsedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and parses records on a second thread while the caller inserts the previous batch into
 * SQLite: parsing JSON and writing pages take about the same time, so on two cores the import runs
 * nearly twice as fast as doing both in turn.
 */
final class ParsingThread implements AutoCloseable {

    private static final int BATCH = 512;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(16);
    private final Thread thread;
    private volatile boolean stop;

    ParsingThread(PairReader reader) {
        thread = new Thread(() -> {
            try {
                List<ParsedRecord> batch = new ArrayList<>(BATCH);
                ParsedRecord r;
                while (!stop && (r = reader.next()) != null) {
                    batch.add(r);
                    if (batch.size() == BATCH) {
                        queue.put(batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                queue.put(batch);
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopped by close(): nobody is waiting any more
            } catch (Throwable t) {
                try {
                    queue.put(t);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "pairlab-import-parser");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch of records in file order, or null after the last. */
    @SuppressWarnings("unchecked")
    List<ParsedRecord> next() throws IOException, BadInputException {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        }
        if (item == END) {
            queue.offer(END);
            return null;
        }
        if (item instanceof BadInputException e) {
            throw e;
        }
        if (item instanceof IOException e) {
            throw e;
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
        if (item instanceof Error e) {
            throw e;
        }
        if (item instanceof Throwable t) {
            throw new IllegalStateException("the parser failed", t);
        }
        return (List<ParsedRecord>) item;
    }

    /** Stops the parser and waits for it, so the reader can be closed safely afterwards. */
    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

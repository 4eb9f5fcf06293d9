package io.jtrader.sim.exchange;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One exchange's journal file ({@code journal.log}): opened and locked ({@code journal.lock}) by one gateway at a time, read back in
 * full on open, then appended to. A torn or corrupt tail (a frame that runs past the end of the file, or whose
 * CRC does not match) ends the readable journal: its bytes are copied to {@code journal.log.torn-<millis>} for
 * inspection, the file is truncated to the last whole record, and {@link #warning()} says so. Appends are made
 * durable by {@link #force()}. Not thread-safe: the journal writer thread owns it after opening.
 */
public final class Journal implements AutoCloseable {
    public static final String FILE_NAME = "journal.log";

    public static final String LOCK_NAME = "journal.lock";

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<JournalRecord> records;
    private final String warning;
    private FileChannel channel;

    private Journal(Path file, FileChannel lockChannel, FileLock lock, FileChannel channel, List<JournalRecord> records,
            String warning) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.channel = channel;
        this.records = records;
        this.warning = warning;
    }

    /**
     * Opens (creating if needed) {@code dir/journal.log}, locks it and reads every whole record.
     *
     * @throws IOException when the file cannot be opened, or another process holds it
     */
    public static Journal open(Path dir, String gatewayName) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("journal " + file + " is in use by another SIM gateway (another process or "
                    + "another gateway instance with the same name)");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            List<JournalRecord> records = new ArrayList<>();
            String warning = readAll(file, channel, gatewayName, records);
            channel.position(channel.size());
            return new Journal(file, lockChannel, lock, channel, records, warning);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    private static String readAll(Path file, FileChannel channel, String gatewayName, List<JournalRecord> out)
            throws IOException {
        long size = channel.size();
        channel.position(0);
        // Streamed, so a journal of any size is read in bounded memory (apart from the records themselves).
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        CRC32C crc = new CRC32C();
        long good = 0;
        String problem = null;
        byte[] payload = new byte[256];
        while (good < size) {
            long remaining = size - good;
            if (remaining < JournalCodec.HEADER_BYTES) {
                problem = "a record header is cut short (" + remaining + " bytes)";
                break;
            }
            int length = in.readInt();
            int expectedCrc = in.readInt();
            if (length <= 0 || length > JournalCodec.MAX_RECORD_BYTES) {
                problem = "a record claims " + length + " bytes";
                break;
            }
            if (length > remaining - JournalCodec.HEADER_BYTES) {
                problem = "a record of " + length + " bytes has only " + (remaining - JournalCodec.HEADER_BYTES)
                        + " bytes on disk";
                break;
            }
            if (payload.length < length) {
                payload = new byte[Math.max(length, payload.length * 2)];
            }
            in.readFully(payload, 0, length);
            crc.reset();
            crc.update(payload, 0, length);
            if ((int) crc.getValue() != expectedCrc) {
                problem = "a record's checksum does not match";
                break;
            }
            try {
                out.add(JournalCodec.decode(java.util.Arrays.copyOf(payload, length), gatewayName));
            } catch (IOException | RuntimeException e) {
                problem = "a record cannot be decoded (" + e.getMessage() + ")";
                break;
            }
            good += JournalCodec.HEADER_BYTES + length;
        }
        if (problem == null) {
            return null;
        }
        long tornBytes = size - good;
        Path torn = file.resolveSibling(FILE_NAME + ".torn-" + System.currentTimeMillis());
        try (FileChannel tornOut = FileChannel.open(torn, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long copied = 0;
            while (copied < tornBytes) {
                copied += channel.transferTo(good + copied, tornBytes - copied, tornOut);
            }
            tornOut.force(true);
        }
        channel.truncate(good);
        channel.force(true);
        return "journal " + file + ": " + problem + " at byte " + good + "; the last " + tornBytes
                + " bytes were skipped (saved to " + torn.getFileName() + ") and " + out.size() + " whole records restored";
    }

    /** The records read when the journal was opened. */
    public List<JournalRecord> records() {
        return records;
    }

    /** Why a torn tail was skipped on open, or null when the journal was whole. */
    public String warning() {
        return warning;
    }

    public Path file() {
        return file;
    }

    /** Writes the buffer's bytes (position to limit) at the end of the file. */
    public void append(ByteBuffer frames) throws IOException {
        while (frames.hasRemaining()) {
            channel.write(frames);
        }
    }

    /** Makes everything appended so far durable (fdatasync). */
    public void force() throws IOException {
        channel.force(false);
    }

    /**
     * Replaces the whole journal with {@code newRecords} (a new trading day's snapshot): written to
     * {@code journal.log.new}, synced, then moved over the journal atomically, so a crash leaves either the old or
     * the new file. The previous day's journal is kept as {@code journal.log.prev}.
     */
    public void rewrite(List<JournalRecord> newRecords) throws IOException {
        JournalCodec codec = new JournalCodec();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        for (JournalRecord r : newRecords) {
            buf = codec.encode(r, buf);
        }
        buf.flip();
        Path tmp = file.resolveSibling(FILE_NAME + ".new");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
        }
        channel.close();
        Files.copy(file, file.resolveSibling(FILE_NAME + ".prev"), StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(file.getParent());
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(channel.size());
    }

    /** Makes a rename durable on POSIX; Windows cannot open a directory, and NTFS journals renames itself. */
    private static void syncDirectory(Path dir) throws IOException {
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                lockChannel.close();
            }
        }
    }
}

package dev.teto.data.cli.progress;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes to a writer, flushing after each write (the bar redraws one line with '\r' and never flushes itself).
 * The decoder keeps a character split across writes.
 */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    WriterOutputStream(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            int take = Math.min(pending.remaining(), end - at);
            pending.put(bytes, at, take);
            at += take;
            drain();
        }
        out.flush();
    }

    private void drain() {
        pending.flip();
        while (true) {
            chars.clear();
            boolean overflow = decoder.decode(pending, chars, false).isOverflow();
            chars.flip();
            out.append(chars);
            if (!overflow) {
                break;
            }
        }
        pending.compact();
    }

    @Override
    public void flush() {
        out.flush();
    }
}

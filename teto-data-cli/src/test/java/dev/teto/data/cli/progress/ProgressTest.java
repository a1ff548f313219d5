package dev.teto.data.cli.progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aLineShowsDoneTotalPercentRateAndEta() {
        assertEquals("seed: 1200/5000 (24%) 300/s eta 12s", PlainProgress.line("seed", 1200, 5000, 4 * SECOND));
        assertEquals("seed: 5000/5000 (100%) 1000/s", PlainProgress.line("seed", 5000, 5000, 5 * SECOND));
        assertEquals("scan: 70 7/s", PlainProgress.line("scan", 70, Progress.UNKNOWN, 10 * SECOND));
        assertEquals("x: 0/0 (100%) 0/s", PlainProgress.line("x", 0, 0, 0));
        assertEquals("x: 10/100000 (0%) 1/s eta 27h46m", PlainProgress.line("x", 10, 100_000, 10 * SECOND));
    }

    @Test
    void plainLinesComeAtMostEveryTwoSecondsPlusAFinalOne() {
        AtomicLong now = new AtomicLong(0);
        StringWriter text = new StringWriter();
        try (PlainProgress progress = new PlainProgress("copy", 100, new PrintWriter(text), now::get)) {
            progress.stepTo(10);               // t=0: too soon
            now.set(SECOND);
            progress.stepTo(20);               // t=1s: too soon
            now.set(2 * SECOND);
            progress.stepTo(40);               // t=2s: printed
            now.set(3 * SECOND);
            progress.stepTo(50);               // t=3s: too soon after the last
            now.set(4 * SECOND);
            progress.total(200);               // the total became known later
            progress.stepTo(80);               // t=4s: printed
            now.set(5 * SECOND);
            progress.stepTo(200);
        }
        List<String> lines = text.toString().lines().toList();
        assertEquals(List.of("copy: 40/100 (40%) 20/s eta 3s", "copy: 80/200 (40%) 20/s eta 6s",
                "copy: 200/200 (100%) 40/s"), lines);
    }

    @Test
    void closingTwicePrintsOneFinalLine() {
        StringWriter text = new StringWriter();
        Progress progress = Progress.open("t", 3, new PrintWriter(text), false);
        progress.stepTo(3);
        progress.close();
        progress.close();
        assertEquals(1, text.toString().lines().count());
    }

    @Test
    void theFinalLineIsNotRepeatedWhenTheLastLineShowedTheEnd() {
        AtomicLong now = new AtomicLong(0);
        StringWriter text = new StringWriter();
        try (PlainProgress progress = new PlainProgress("scan", 300, new PrintWriter(text), now::get)) {
            now.set(2 * SECOND);
            progress.stepTo(300);              // printed: already the end
            now.set(3 * SECOND);
        }
        assertEquals(List.of("scan: 300/300 (100%) 150/s"), text.toString().lines().toList());
    }

    @Test
    void aTerminalBarIsDrawnOnTheGivenWriter() {
        StringWriter text = new StringWriter();
        try (Progress bar = Progress.open("bar", 10, new PrintWriter(text), true)) {
            bar.stepTo(5);
            bar.stepTo(10);
        }
        String drawn = text.toString();
        assertTrue(drawn.contains("bar"), drawn);
        assertTrue(drawn.contains("10/10"), drawn);
        assertTrue(drawn.contains("\r"), "redraws in place: " + drawn);
    }

    @Test
    void multiByteCharactersSplitAcrossWritesSurvive() {
        StringWriter text = new StringWriter();
        WriterOutputStream stream = new WriterOutputStream(new PrintWriter(text));
        byte[] block = "█▉".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        stream.write(block, 0, 2);
        stream.write(block, 2, block.length - 2);
        assertEquals("█▉", text.toString());
    }
}

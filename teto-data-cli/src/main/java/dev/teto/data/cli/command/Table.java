package dev.teto.data.cli.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table, columns padded to their widest cell, for the commands' human output. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "";
        }
        rows.add(text);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}

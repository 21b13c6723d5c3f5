package io.memstone.node.admin.cli;

import io.memstone.proto.admin.Progress;
import java.io.PrintWriter;

/**
 * A long operation's steps as a text bar, {@code [#####.....] 3/6 what}: redrawn in place on a
 * terminal, one line per step otherwise (logs, pipes).
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean redraw;
    private int lastLength;

    ProgressBar(PrintWriter err, boolean redraw) {
        this.err = err;
        this.redraw = redraw;
    }

    void show(Progress p) {
        int filled = p.getTotal() <= 0 ? WIDTH : (int) ((long) WIDTH * Math.min(p.getDone(), p.getTotal()) / p.getTotal());
        String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + p.getDone() + "/" + p.getTotal() + " " + p.getStep();
        if (redraw) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the redrawn line, so what follows starts on its own. */
    void finish() {
        if (redraw && lastLength > 0) err.println();
        lastLength = 0;
        err.flush();
    }
}

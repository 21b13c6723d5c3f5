package io.memstone.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest common subsequence of two byte strings by the classic O(n·m) table, walked
 * back from the end the way Redis' LCS walks it, so that among equally long subsequences the
 * same one is chosen and its matching ranges come out in the same order (last first).
 */
final class Lcs {
    /** A run of {@code length} equal bytes at {@code aStart} in a and {@code bStart} in b. */
    record Match(int aStart, int bStart, int length) {}

    private final byte[] a;
    private final byte[] b;
    /** table[i * (b.length + 1) + j]: LCS length of a[0, i) and b[0, j). */
    private final int[] table;

    Lcs(byte[] a, byte[] b) {
        this.a = a;
        this.b = b;
        int width = b.length + 1;
        table = new int[(a.length + 1) * width];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                table[i * width + j] = a[i - 1] == b[j - 1] ? table[(i - 1) * width + j - 1] + 1
                        : Math.max(table[(i - 1) * width + j], table[i * width + j - 1]);
            }
        }
    }

    int length() {
        return at(a.length, b.length);
    }

    private int at(int i, int j) {
        return table[i * (b.length + 1) + j];
    }

    byte[] subsequence() {
        byte[] out = new byte[length()];
        walk(out, null);
        return out;
    }

    /** The runs of consecutive matches along the walk, the last in the strings first. */
    List<Match> matches() {
        List<Match> out = new ArrayList<>();
        walk(null, out);
        return out;
    }

    /**
     * Walks back from (a.length, b.length): on equal bytes both step back; otherwise it steps
     * back in a if that keeps a strictly longer subsequence, else in b. A run of matches
     * ends at a mismatch or at the start of either string.
     */
    private void walk(byte[] subsequence, List<Match> matches) {
        int i = a.length, j = b.length, k = length();
        int run = 0; // the current run of matches, which starts at a[i], b[j] after a match
        while (i > 0 && j > 0) {
            if (a[i - 1] == b[j - 1]) {
                if (subsequence != null) subsequence[--k] = a[i - 1];
                i--;
                j--;
                run++;
                if (i == 0 || j == 0) addRun(matches, i, j, run);
                continue;
            }
            if (run > 0) addRun(matches, i, j, run);
            run = 0;
            if (at(i - 1, j) > at(i, j - 1)) i--;
            else j--;
        }
    }

    private static void addRun(List<Match> matches, int aStart, int bStart, int length) {
        if (matches != null) matches.add(new Match(aStart, bStart, length));
    }
}

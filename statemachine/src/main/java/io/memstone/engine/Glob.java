package io.memstone.engine;

/**
 * Redis' glob matching ({@code stringmatchlen} in util.c), byte for byte: {@code *}, {@code ?},
 * {@code [abc]}, {@code [^a]}, {@code [a-z]} (reversed ranges allowed), {@code \} escapes.
 * Bytes compare as signed, as C's {@code char} does on x86, which matters in ranges.
 */
public final class Glob {
    private Glob() {}

    /**
     * Redis' protection against abusive patterns (Debian's 7.0.15 has it, CVE-2024-31228): a
     * star nested deeper than this matches nothing. It also bounds the recursion: a pattern of
     * 100,000 stars overflowed the Java stack, an Error that would have stopped the shard.
     */
    private static final int MAX_NESTING = 1000;

    public static boolean matches(byte[] pattern, byte[] string) {
        return match(pattern, 0, string, 0, new boolean[1], 0);
    }

    /**
     * {@code giveUp} is Redis' skipLongerMatches: once the rest of the pattern after a star
     * matched nowhere in the rest of the string, no earlier star can help, so stop
     * (keeps patterns like {@code *a*a*a*b} from going exponential).
     */
    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean[] giveUp, int nesting) {
        if (nesting > MAX_NESTING) return false;
        while (pi < p.length && si < s.length) {
            switch (p[pi]) {
                case '*':
                    while (pi + 1 < p.length && p[pi + 1] == '*') pi++;
                    if (pi + 1 == p.length) return true;
                    for (; si < s.length; si++) {
                        if (match(p, pi + 1, s, si, giveUp, nesting + 1)) return true;
                        if (giveUp[0]) return false;
                    }
                    giveUp[0] = true;
                    return false;
                case '?':
                    si++;
                    break;
                case '[': {
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) pi++;
                    boolean hit = false;
                    while (true) {
                        if (pi == p.length) {
                            pi--; // unterminated class: the loop's step below lands on the end
                            break;
                        } else if (p[pi] == '\\' && p.length - pi >= 2) {
                            pi++;
                            if (p[pi] == s[si]) hit = true;
                        } else if (p[pi] == ']') {
                            break;
                        } else if (p.length - pi >= 3 && p[pi + 1] == '-') {
                            int lo = Math.min(p[pi], p[pi + 2]);
                            int hi = Math.max(p[pi], p[pi + 2]);
                            pi += 2;
                            if (s[si] >= lo && s[si] <= hi) hit = true;
                        } else if (p[pi] == s[si]) {
                            hit = true;
                        }
                        pi++;
                    }
                    if (not == hit) return false;
                    si++;
                    break;
                }
                case '\\':
                    if (p.length - pi >= 2) pi++;
                    if (p[pi] != s[si]) return false;
                    si++;
                    break;
                default:
                    if (p[pi] != s[si]) return false;
                    si++;
                    break;
            }
            pi++;
            if (si == s.length) {
                while (pi < p.length && p[pi] == '*') pi++;
                break;
            }
        }
        return pi == p.length && si == s.length;
    }
}

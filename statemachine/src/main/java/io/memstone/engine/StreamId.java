package io.memstone.engine;

import java.nio.charset.StandardCharsets;

/** A stream entry ID: two unsigned 64-bit numbers, milliseconds and sequence, ordered as such. */
record StreamId(long ms, long seq) implements Comparable<StreamId> {
    static final StreamId MIN = new StreamId(0, 0);
    static final StreamId MAX = new StreamId(-1, -1);
    /** Redis' reply to an argument that is no stream ID. */
    static final Reply INVALID = Reply.error("ERR Invalid stream ID specified as stream command argument");
    /** Longest ID argument Redis copies into its 128-byte buffer. */
    private static final int MAX_TEXT = 127;

    @Override
    public int compareTo(StreamId o) {
        int c = Long.compareUnsigned(ms, o.ms);
        return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
    }

    boolean isZero() {
        return ms == 0 && seq == 0;
    }

    /** The next ID, or null after the last possible one (Redis' streamIncrID failing). */
    StreamId next() {
        if (seq != -1) return new StreamId(ms, seq + 1);
        return ms == -1 ? null : new StreamId(ms + 1, 0);
    }

    /** The previous ID, or null before 0-0. */
    StreamId previous() {
        if (seq != 0) return new StreamId(ms, seq - 1);
        return ms == 0 ? null : new StreamId(ms - 1, -1);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    Reply reply() {
        return Reply.bulk(toString());
    }

    /**
     * An ID as Redis' streamGenericParseIDOrReply reads it: the text as a C string, {@code -}
     * and {@code +} for the ends (unless strict), {@code ms} alone taking {@code missingSeq}.
     * Returns null if it is no ID. With {@code seqWildcard} (XADD), {@code ms-*} parses as
     * {@code ms-0} with its sequence marked not given.
     */
    static Parsed parse(byte[] arg, long missingSeq, boolean strict, boolean seqWildcard) {
        if (arg.length > MAX_TEXT) return null;
        String s = new String(arg, 0, CommandContext.cLength(arg), StandardCharsets.ISO_8859_1);
        if (s.equals("-") || s.equals("+")) {
            if (strict) return null;
            return new Parsed(s.equals("-") ? MIN : MAX, true);
        }
        int dash = s.indexOf('-');
        String msText = dash < 0 ? s : s.substring(0, dash);
        Long ms = string2ull(msText);
        if (ms == null) return null;
        if (dash < 0) return new Parsed(new StreamId(ms, missingSeq), true);
        String seqText = s.substring(dash + 1);
        if (seqWildcard && seqText.equals("*")) return new Parsed(new StreamId(ms, 0), false);
        Long seq = string2ull(seqText);
        return seq == null ? null : new Parsed(new StreamId(ms, seq), true);
    }

    /** A parsed ID and whether its sequence was given (false for XADD's {@code ms-*}). */
    record Parsed(StreamId id, boolean seqGiven) {}

    /**
     * Redis' string2ull: a strict integer from 0, or else what C's strtoull takes whole
     * (leading blanks, a sign, and a minus that wraps around), null if neither.
     */
    static Long string2ull(String s) {
        var strict = Numbers.string2ll(s.getBytes(StandardCharsets.ISO_8859_1));
        if (strict.isPresent()) return strict.getAsLong() < 0 ? null : strict.getAsLong();
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) i++;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        if (i == s.length()) return null;
        long v = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return null;
            long digit = c - '0';
            // v * 10 + digit must stay within 2^64 - 1, compared unsigned.
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - digit, 10)) > 0) return null;
            v = v * 10 + digit;
        }
        return negative ? -v : v;
    }

    /** An ID argument for a command that takes no {@code -}/{@code +}: INVALID if it is none. */
    static StreamId strictArg(byte[] arg) {
        Parsed p = parse(arg, 0, true, false);
        if (p == null) throw new CommandError(INVALID);
        return p.id();
    }
}

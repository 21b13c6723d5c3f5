package io.memstone.engine;

/** The bitmap commands on strings, after Redis' bitops.c (BITFIELD is in {@link BitfieldCommand}). */
final class BitmapCommands {
    private BitmapCommands() {}

    static final Reply BIT_OFFSET_ERROR = Reply.error("ERR bit offset is not an integer or out of range");
    private static final Reply BIT_VALUE_ERROR = Reply.error("ERR bit is not an integer or out of range");
    private static final Reply BITPOS_BIT_ERROR = Reply.error("ERR The bit argument must be 1 or 0.");
    private static final Reply BITOP_NOT_ARITY = Reply.error("ERR BITOP NOT must be called with a single source key.");

    static void register(CommandRegistry r) {
        r.register("setbit", BitmapCommands::setbit);
        r.register("getbit", BitmapCommands::getbit);
        r.register("bitcount", BitmapCommands::bitcount);
        r.register("bitpos", BitmapCommands::bitpos);
        r.register("bitop", BitmapCommands::bitop);
        r.register("bitfield", BitfieldCommand::bitfield);
        r.register("bitfield_ro", BitfieldCommand::bitfieldRo);
    }

    /**
     * Redis' getBitOffsetFromArgument: a bit offset from 0 to below 2^32 (the 512 MB limit in
     * bits); with {@code fieldBits} > 0 a leading '#' counts in fields of that width.
     */
    static long bitOffsetArg(CommandContext ctx, int i, int fieldBits) {
        byte[] arg = ctx.argv[i];
        boolean fields = fieldBits > 0 && arg.length > 0 && arg[0] == '#';
        var parsed = Numbers.string2ll(fields ? java.util.Arrays.copyOfRange(arg, 1, arg.length) : arg);
        if (parsed.isEmpty()) throw new CommandError(BIT_OFFSET_ERROR);
        long offset = fields ? parsed.getAsLong() * fieldBits : parsed.getAsLong(); // wraps like C
        if (offset < 0 || (offset >> 3) >= StringCommands.MAX_STRING_LENGTH) throw new CommandError(BIT_OFFSET_ERROR);
        return offset;
    }

    /**
     * Redis' lookupStringForBitCommand: the string at key made writable and at least long
     * enough to hold {@code maxBit}, created zero-filled if missing.
     */
    static StringValue writableBits(CommandContext ctx, long maxBit) {
        Key key = ctx.key(1);
        StringValue v = ctx.lookupString(key);
        long length = (maxBit >>> 3) + 1;
        if (v != null) return v.writable(length);
        v = StringValue.zeros(length);
        ctx.keyspace.putKeepingTtl(key, v);
        return v;
    }

    /** Replies the bit's previous value. */
    static Reply setbit(CommandContext ctx) {
        long offset = bitOffsetArg(ctx, 2, 0);
        var on = Numbers.string2ll(ctx.argv[3]);
        if (on.isEmpty() || (on.getAsLong() & ~1L) != 0) return BIT_VALUE_ERROR;
        StringValue v = writableBits(ctx, offset);
        int old = Bits.get(v.buffer(), v.length(), offset);
        Bits.set(v.buffer(), offset, (int) on.getAsLong());
        return Reply.integer(old);
    }

    static Reply getbit(CommandContext ctx) {
        long offset = bitOffsetArg(ctx, 2, 0);
        StringValue v = ctx.lookupString(ctx.key(1));
        return Reply.integer(v == null ? 0 : Bits.get(v.peek(), v.length(), offset));
    }

    /** BITCOUNT key [start end [BYTE|BIT]]: a missing key counts 0 before any argument check. */
    static Reply bitcount(CommandContext ctx) {
        StringValue v = ctx.lookupString(ctx.key(1));
        if (v == null) return Reply.ZERO;
        long[] range;
        if (ctx.argc() == 4 || ctx.argc() == 5) {
            long start = ctx.longArg(2);
            long end = ctx.longArg(3);
            if (start < 0 && end < 0 && start > end) return Reply.ZERO;
            boolean inBits = ctx.argc() == 5 && unitIsBit(ctx, 4);
            range = bitRange(start, end, v.length(), inBits);
        } else if (ctx.argc() == 2) {
            range = bitRange(0, -1, v.length(), false);
        } else {
            return Errors.SYNTAX;
        }
        return Reply.integer(range == null ? 0 : Bits.count(v.peek(), range[0], range[1]));
    }

    /**
     * BITPOS key bit [start [end [BYTE|BIT]]]. A missing key is all zeros. Looking for a 0
     * with no end given finds the first bit past the string when the range is all ones.
     */
    static Reply bitpos(CommandContext ctx) {
        long bit = ctx.longArg(2);
        if (bit != 0 && bit != 1) return BITPOS_BIT_ERROR;
        StringValue v = ctx.lookupString(ctx.key(1));
        if (v == null) return Reply.integer(bit == 1 ? -1 : 0);
        long[] range;
        boolean endGiven = ctx.argc() >= 5;
        if (ctx.argc() >= 4 && ctx.argc() <= 6) {
            long start = ctx.longArg(3);
            boolean inBits = ctx.argc() == 6 && unitIsBit(ctx, 5);
            long end = endGiven ? ctx.longArg(4) : -1;
            range = bitRange(start, end, v.length(), inBits);
        } else if (ctx.argc() == 3) {
            range = bitRange(0, -1, v.length(), false);
        } else {
            return Errors.SYNTAX;
        }
        if (range == null) return Reply.integer(-1);
        long pos = Bits.position(v.peek(), range[0], range[1], (int) bit);
        if (pos == -1 && bit == 0 && !endGiven) pos = range[1] + 1;
        return Reply.integer(pos);
    }

    /** BYTE or BIT, else a syntax error. */
    private static boolean unitIsBit(CommandContext ctx, int i) {
        String unit = ctx.option(i);
        if (unit.equals("bit")) return true;
        if (unit.equals("byte")) return false;
        throw new CommandError(Errors.SYNTAX);
    }

    /**
     * An inclusive start/end (negative from the end, clamped) in bytes or bits, as the
     * inclusive bit range [from, to] it covers; null when empty.
     */
    private static long[] bitRange(long start, long end, int length, boolean inBits) {
        long total = inBits ? (long) length << 3 : length;
        if (start < 0) start = Math.max(total + start, 0);
        if (end < 0) end = Math.max(total + end, 0);
        if (end >= total) end = total - 1;
        if (start > end) return null;
        return inBits ? new long[] {start, end} : new long[] {start << 3, (end << 3) + 7};
    }

    /** BITOP op destkey key...: the result, as long as the longest source, replaces destkey. */
    static Reply bitop(CommandContext ctx) {
        String op = ctx.option(1);
        if (!op.equals("and") && !op.equals("or") && !op.equals("xor") && !op.equals("not")) return Errors.SYNTAX;
        if (op.equals("not") && ctx.argc() != 4) return BITOP_NOT_ARITY;
        StringValue[] sources = new StringValue[ctx.argc() - 3];
        int maxLength = 0;
        for (int i = 0; i < sources.length; i++) {
            sources[i] = ctx.lookupString(ctx.key(i + 3));
            if (sources[i] != null) maxLength = Math.max(maxLength, sources[i].length());
        }
        Key dest = ctx.key(2);
        if (maxLength == 0) {
            ctx.keyspace.delete(dest);
            return Reply.ZERO;
        }
        byte[] result = new byte[maxLength];
        char opCode = op.charAt(0);
        for (int j = 0; j < maxLength; j++) result[j] = combine(opCode, sources, j);
        ctx.keyspace.set(dest, StringValue.raw(result));
        return Reply.integer(maxLength);
    }

    /** Byte j of the result (op by initial: a, o, x, n); missing or short strings read as zeros. */
    private static byte combine(char op, StringValue[] sources, int j) {
        int out = byteAt(sources[0], j);
        if (op == 'n') return (byte) ~out;
        for (int i = 1; i < sources.length; i++) {
            int b = byteAt(sources[i], j);
            if (op == 'a') out &= b;
            else if (op == 'o') out |= b;
            else out ^= b;
        }
        return (byte) out;
    }

    private static int byteAt(StringValue v, int j) {
        return v == null || j >= v.length() ? 0 : v.peek()[j];
    }
}

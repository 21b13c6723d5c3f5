package io.memstone.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BITFIELD and BITFIELD_RO, after Redis' bitfieldGeneric: every subcommand is parsed (the
 * first bad one fails the whole command) before the key is looked up; writes first grow the
 * string to the farthest bit any of them touches, then the operations run in order.
 */
final class BitfieldCommand {
    private BitfieldCommand() {}

    private static final Reply TYPE_ERROR = Reply.error(
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");
    private static final Reply OVERFLOW_ERROR = Reply.error("ERR Invalid OVERFLOW type specified");
    private static final Reply RO_ERROR = Reply.error("ERR BITFIELD_RO only supports the GET subcommand");

    private enum Kind { GET, SET, INCRBY }

    /** One parsed subcommand, with the OVERFLOW policy in force where it appeared. */
    private record Op(Kind kind, boolean signed, int bits, long offset, long value, Bits.Overflow overflow) {}

    static Reply bitfield(CommandContext ctx) {
        return run(ctx, false);
    }

    static Reply bitfieldRo(CommandContext ctx) {
        return run(ctx, true);
    }

    private static Reply run(CommandContext ctx, boolean readOnlyCommand) {
        List<Op> ops = parse(ctx);
        long highestWrite = -1;
        for (Op op : ops) {
            if (op.kind() != Kind.GET) highestWrite = Math.max(highestWrite, op.offset() + op.bits() - 1);
        }
        StringValue v;
        if (highestWrite < 0) {
            v = ctx.lookupString(ctx.key(1));
        } else {
            if (readOnlyCommand) return RO_ERROR;
            v = BitmapCommands.writableBits(ctx, highestWrite);
        }
        List<Reply> out = new ArrayList<>(ops.size());
        for (Op op : ops) out.add(op.kind() == Kind.GET ? get(v, op) : write(v, op));
        return Reply.array(out);
    }

    private static Reply get(StringValue v, Op op) {
        if (v == null) return Reply.ZERO;
        return Reply.integer(op.signed() ? Bits.getSigned(v.peek(), v.length(), op.offset(), op.bits())
                : Bits.getUnsigned(v.peek(), v.length(), op.offset(), op.bits()));
    }

    /** SET replies the old value, INCRBY the new one; an overflow under FAIL writes nothing, replies nil. */
    private static Reply write(StringValue v, Op op) {
        byte[] p = v.buffer();
        long old = op.signed() ? Bits.getSigned(p, v.length(), op.offset(), op.bits())
                : Bits.getUnsigned(p, v.length(), op.offset(), op.bits());
        long base = op.kind() == Kind.SET ? op.value() : old;
        long incr = op.kind() == Kind.SET ? 0 : op.value();
        Long next = op.signed() ? Bits.fitSigned(base, incr, op.bits(), op.overflow())
                : Bits.fitUnsigned(base, incr, op.bits(), op.overflow());
        if (next == null) return Reply.NULL;
        Bits.setField(p, op.offset(), op.bits(), next);
        return Reply.integer(op.kind() == Kind.SET ? old : next);
    }

    private static List<Op> parse(CommandContext ctx) {
        List<Op> ops = new ArrayList<>();
        Bits.Overflow overflow = Bits.Overflow.WRAP;
        for (int i = 2; i < ctx.argc(); i++) {
            int remaining = ctx.argc() - i - 1;
            String sub = ctx.option(i);
            Kind kind;
            if (sub.equals("get") && remaining >= 2) {
                kind = Kind.GET;
            } else if (sub.equals("set") && remaining >= 3) {
                kind = Kind.SET;
            } else if (sub.equals("incrby") && remaining >= 3) {
                kind = Kind.INCRBY;
            } else if (sub.equals("overflow") && remaining >= 1) {
                overflow = overflowArg(ctx, ++i);
                continue;
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
            byte[] type = ctx.argv[i + 1];
            int bits = typeBits(type);
            long offset = BitmapCommands.bitOffsetArg(ctx, i + 2, bits);
            long value = kind == Kind.GET ? 0 : ctx.longArg(i + 3);
            ops.add(new Op(kind, type[0] == 'i', bits, offset, value, overflow));
            i += kind == Kind.GET ? 2 : 3;
        }
        return ops;
    }

    private static Bits.Overflow overflowArg(CommandContext ctx, int i) {
        switch (ctx.option(i)) {
            case "wrap": return Bits.Overflow.WRAP;
            case "sat": return Bits.Overflow.SAT;
            case "fail": return Bits.Overflow.FAIL;
            default: throw new CommandError(OVERFLOW_ERROR);
        }
    }

    /** i1..i64 or u1..u63 (lower-case letter; digits read as a C string, up to a NUL). */
    private static int typeBits(byte[] type) {
        int end = CommandContext.cLength(type);
        if (end == 0 || (type[0] != 'i' && type[0] != 'u')) throw new CommandError(TYPE_ERROR);
        var bits = Numbers.string2ll(Arrays.copyOfRange(type, 1, end));
        long max = type[0] == 'i' ? 64 : 63;
        if (bits.isEmpty() || bits.getAsLong() < 1 || bits.getAsLong() > max) throw new CommandError(TYPE_ERROR);
        return (int) bits.getAsLong();
    }
}

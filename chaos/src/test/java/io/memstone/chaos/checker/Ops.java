package io.memstone.chaos.checker;

import io.memstone.chaos.history.Op;
import io.memstone.chaos.history.OpPair;
import java.util.ArrayList;
import java.util.List;

/** Hand-made histories: operations with explicit invocation and completion times (seconds). */
final class Ops {
    private final List<OpPair> pairs = new ArrayList<>();
    private int process;

    /** An operation of a new process; for a read, {@code value} is what it returned. */
    Ops add(Op.Type type, Op.Fn f, String key, Object value, double start, double end) {
        int p = process++;
        Object written = f == Op.Fn.READ ? null : value;
        Object returned = type == Op.Type.OK ? value : null;
        pairs.add(new OpPair(new Op(Op.Type.INVOKE, p, f, key, written, nanos(start), null),
                new Op(type, p, f, key, returned, nanos(end), null)));
        return this;
    }

    Ops ok(Op.Fn f, String key, Object value, double start, double end) {
        return add(Op.Type.OK, f, key, value, start, end);
    }

    Ops info(Op.Fn f, String key, Object value, double start) {
        return add(Op.Type.INFO, f, key, value, start, 1000);
    }

    Ops fail(Op.Fn f, String key, Object value, double start, double end) {
        return add(Op.Type.FAIL, f, key, value, start, end);
    }

    List<OpPair> pairs() {
        return List.copyOf(pairs);
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }
}

package io.memstone.chaos.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one workload, in the order they happened, recorded by many client threads.
 * Times are nanoseconds since {@code origin} (System.nanoTime() at the start of the run).
 */
public final class History {
    private final long origin;
    private final List<Op> ops = new ArrayList<>();

    public History(long origin) {
        this.origin = origin;
    }

    /** A history made by hand (tests): events are taken as given. */
    public static History of(List<Op> events) {
        History h = new History(0);
        h.ops.addAll(events);
        return h;
    }

    public synchronized Op invoke(int process, Op.Fn f, String key, Object value) {
        return add(new Op(Op.Type.INVOKE, process, f, key, value, now(), null));
    }

    public synchronized Op complete(Op invoke, Op.Type type, Object value, String error) {
        return add(new Op(type, invoke.process(), invoke.f(), invoke.key(), value, now(), error));
    }

    private Op add(Op op) {
        ops.add(op);
        return op;
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    public synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    /**
     * Each invocation with its completion, in invocation order. An invocation that never completed
     * (its client was still waiting when the run stopped) counts as info.
     */
    public List<OpPair> pairs() {
        List<Op> all = ops();
        Map<Integer, Op> open = new HashMap<>();
        Map<Op, Op> completions = new IdentityHashMap<>();
        List<Op> invokes = new ArrayList<>();
        for (Op op : all) {
            if (op.type() == Op.Type.INVOKE) {
                Op previous = open.put(op.process(), op);
                if (previous != null) {
                    throw new IllegalStateException("process " + op.process() + " invoked twice: " + op.describe());
                }
                invokes.add(op);
            } else {
                Op invoke = open.remove(op.process());
                if (invoke == null) throw new IllegalStateException("completion without invocation: " + op.describe());
                completions.put(invoke, op);
            }
        }
        long end = all.isEmpty() ? 0 : all.get(all.size() - 1).nanos();
        List<OpPair> pairs = new ArrayList<>(invokes.size());
        for (Op invoke : invokes) {
            Op completion = completions.get(invoke);
            if (completion == null) {
                completion = new Op(Op.Type.INFO, invoke.process(), invoke.f(), invoke.key(), null, end, "never completed");
            }
            pairs.add(new OpPair(invoke, completion));
        }
        return pairs;
    }
}

package io.memstone.chaos.checker;

import io.memstone.chaos.history.Op;
import io.memstone.chaos.history.OpPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linearizability of read/write/compare-and-set registers, one key at a time (registers compose: a history is
 * linearizable iff each key's sub-history is, so keys are checked separately, as Knossos' and
 * Porcupine's P-compositionality). Per key: the Wing & Gong search with Lowe's memoization of
 * (linearized set, state) configurations, as in Porcupine. An ok operation must take effect
 * between its invocation and completion; an indeterminate (info) write may take effect at any
 * time after its invocation, or never; failed operations and indeterminate reads have no effect.
 * An indeterminate write of a value no read returned, and no other write of the key wrote, is
 * left out before the search: taking effect "never" is then always a valid choice for it (any
 * linearization placing it has no read between it and the next write), and every such write
 * otherwise doubles what the search may have to try.
 */
public final class LinearizabilityChecker implements Checker {
    static final String NAME = "linearizable-register";
    private final long maxStepsPerKey;

    public LinearizabilityChecker(long maxStepsPerKey) {
        this.maxStepsPerKey = maxStepsPerKey;
    }

    public LinearizabilityChecker() {
        this(5_000_000);
    }

    @Override
    public CheckResult check(List<OpPair> history) {
        Map<String, List<OpPair>> byKey = new LinkedHashMap<>();
        for (OpPair p : history) {
            if (p.f() != Op.Fn.READ && p.f() != Op.Fn.WRITE && p.f() != Op.Fn.CAS) continue;
            // Neither a failed operation nor an unanswered read constrains the register.
            if (p.type() == Op.Type.FAIL || (p.f() == Op.Fn.READ && !p.ok())) continue;
            byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
        }
        List<String> anomalies = new ArrayList<>();
        int unknown = 0;
        for (Map.Entry<String, List<OpPair>> e : byKey.entrySet()) {
            String verdict = new Search(withoutUnobservedIndeterminateWrites(e.getValue()), maxStepsPerKey).run();
            if (verdict != null) {
                anomalies.add("key " + e.getKey() + ": " + verdict);
                if (verdict.startsWith(Search.UNKNOWN)) unknown++;
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("keys", byKey.size());
        stats.put("operations", byKey.values().stream().mapToInt(List::size).sum());
        stats.put("non-linearizable-keys", anomalies.size() - unknown);
        stats.put("unknown-keys", unknown);
        return CheckResult.of(NAME, anomalies, stats);
    }

    /** A compare-and-set both reads (its expected value) and writes; see the class comment. */
    private static List<OpPair> withoutUnobservedIndeterminateWrites(List<OpPair> ops) {
        Set<Object> read = new HashSet<>();
        Map<Object, Integer> writes = new HashMap<>();
        for (OpPair p : ops) {
            if (p.f() == Op.Fn.READ) {
                read.add(p.value());
            } else {
                if (p.f() == Op.Fn.CAS) read.add(((List<?>) p.value()).get(0));
                writes.merge(written(p), 1, Integer::sum);
            }
        }
        return ops.stream().filter(p -> p.f() == Op.Fn.READ || p.ok() || read.contains(written(p)) || writes.get(written(p)) > 1)
                .toList();
    }

    /** The value a write or compare-and-set leaves in the register. */
    private static Object written(OpPair p) {
        return p.f() == Op.Fn.CAS ? ((List<?>) p.value()).get(1) : p.value();
    }

    /** A register's value; null means the key is absent. */
    private record Register(String value) {
        /** The state after op, or null when op cannot take effect in this state. */
        Register step(OpPair op) {
            if (op.f() == Op.Fn.WRITE) return new Register((String) op.value());
            if (op.f() == Op.Fn.CAS) {
                List<?> pair = (List<?>) op.value();
                return java.util.Objects.equals(value, pair.get(0)) ? new Register((String) pair.get(1)) : null;
            }
            return java.util.Objects.equals(value, op.value()) ? this : null;
        }
    }

    /** A node of the time-ordered list of call and return entries. */
    private static final class Entry {
        final int id;
        final OpPair op;
        final boolean call;
        Entry match;
        Entry prev;
        Entry next;

        Entry(int id, OpPair op, boolean call) {
            this.id = id;
            this.op = op;
            this.call = call;
        }
    }

    private record Config(BitSet linearized, Register state) {}

    private record Frame(Entry call, Register state) {}

    /** The search over one key's operations; {@link #run} returns null when linearizable, else why not. */
    private static final class Search {
        static final String UNKNOWN = "unknown";
        private final Entry head = new Entry(-1, null, false);
        private final long maxSteps;
        private int pendingReturns;

        Search(List<OpPair> ops, long maxSteps) {
            this.maxSteps = maxSteps;
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < ops.size(); i++) {
                OpPair op = ops.get(i);
                Entry call = new Entry(i, op, true);
                entries.add(call);
                if (op.ok()) {
                    call.match = new Entry(i, op, false);
                    entries.add(call.match);
                    pendingReturns++;
                }
            }
            // By time; at equal times calls first: such operations are concurrent.
            entries.sort(Comparator.comparingLong((Entry e) -> e.call ? e.op.start() : e.op.end())
                    .thenComparing(e -> !e.call));
            Entry last = head;
            for (Entry e : entries) {
                last.next = e;
                e.prev = last;
                last = e;
            }
        }

        String run() {
            Register state = new Register(null);
            BitSet linearized = new BitSet();
            Set<Config> seen = new HashSet<>();
            Deque<Frame> stack = new ArrayDeque<>();
            Stuck stuck = null;
            Entry entry = head.next;
            for (long steps = 0; pendingReturns > 0; steps++) {
                if (steps > maxSteps) return UNKNOWN + ": search gave up after " + maxSteps + " steps";
                if (entry.call) {
                    Register next = state.step(entry.op);
                    if (next != null) {
                        BitSet withEntry = (BitSet) linearized.clone();
                        withEntry.set(entry.id);
                        if (seen.add(new Config(withEntry, next))) {
                            stack.push(new Frame(entry, state));
                            state = next;
                            linearized = withEntry;
                            lift(entry);
                            entry = head.next;
                            continue;
                        }
                    }
                    entry = entry.next;
                } else {
                    // An operation returned before being placed: undo the last placement.
                    if (stuck == null || stack.size() > stuck.placed) stuck = new Stuck(stack.size(), entry.op, state);
                    if (stack.isEmpty()) return stuck.describe();
                    Frame f = stack.pop();
                    state = f.state;
                    linearized.clear(f.call.id);
                    unlift(f.call);
                    entry = f.call.next;
                }
            }
            return null;
        }

        private void lift(Entry call) {
            call.prev.next = call.next;
            if (call.next != null) call.next.prev = call.prev;
            Entry ret = call.match;
            if (ret != null) {
                ret.prev.next = ret.next;
                if (ret.next != null) ret.next.prev = ret.prev;
                pendingReturns--;
            }
        }

        private void unlift(Entry call) {
            Entry ret = call.match;
            if (ret != null) {
                ret.prev.next = ret;
                if (ret.next != null) ret.next.prev = ret;
                pendingReturns++;
            }
            call.prev.next = call;
            if (call.next != null) call.next.prev = call;
        }
    }

    /** Where the deepest attempt got stuck, for the report. */
    private record Stuck(int placed, OpPair op, Register state) {
        String describe() {
            return "not linearizable: after placing " + placed + " operations (register = " + state.value()
                    + "), no order lets " + op.describe() + " take effect before it completed";
        }
    }
}

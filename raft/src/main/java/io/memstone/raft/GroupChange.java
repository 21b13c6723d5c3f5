package io.memstone.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One Raft group's members before and after a membership change: voters, and listeners (which
 * receive the log but do not vote; the meta group keeps at most {@code maxVoters} voters).
 * Pure: the admin service plans every group's change, checks them all with {@link #checkSafe},
 * and only then makes them.
 */
public record GroupChange(String group, List<String> oldVoters, List<String> oldListeners,
                          List<String> newVoters, List<String> newListeners) {

    public GroupChange {
        oldVoters = List.copyOf(oldVoters);
        oldListeners = List.copyOf(oldListeners);
        newVoters = List.copyOf(newVoters);
        newListeners = List.copyOf(newListeners);
    }

    /** {@code node} joins: as a voter while the group has fewer than {@code maxVoters}, else as a listener. */
    public static GroupChange adding(String group, List<String> voters, List<String> listeners, String node, int maxVoters) {
        if (voters.contains(node) || listeners.contains(node)) {
            return new GroupChange(group, voters, listeners, voters, listeners);
        }
        return voters.size() < maxVoters
                ? new GroupChange(group, voters, listeners, plus(voters, node), listeners)
                : new GroupChange(group, voters, listeners, voters, plus(listeners, node));
    }

    /** {@code node} leaves; a listener is promoted in a voter's place when there is one. */
    public static GroupChange removing(String group, List<String> voters, List<String> listeners, String node) {
        List<String> newVoters = minus(voters, node);
        List<String> newListeners = minus(listeners, node);
        if (newVoters.size() < voters.size() && !newListeners.isEmpty()) {
            newVoters = plus(newVoters, newListeners.get(0));
            newListeners = newListeners.subList(1, newListeners.size());
        }
        return new GroupChange(group, voters, listeners, newVoters, newListeners);
    }

    /** {@code replacement} takes {@code node}'s place, as a voter or a listener as it was. */
    public static GroupChange replacing(String group, List<String> voters, List<String> listeners,
                                        String node, String replacement) {
        return new GroupChange(group, voters, listeners, swap(voters, node, replacement), swap(listeners, node, replacement));
    }

    /** True when the group's configuration does not change. */
    public boolean isNoop() {
        return oldVoters.equals(newVoters) && oldListeners.equals(newListeners);
    }

    /** Nodes that join the group (voters or listeners). */
    public List<String> joining() {
        List<String> out = new ArrayList<>();
        for (String n : all(newVoters, newListeners)) {
            if (!oldVoters.contains(n) && !oldListeners.contains(n)) out.add(n);
        }
        return out;
    }

    /** Nodes that leave the group. */
    public List<String> leaving() {
        List<String> out = new ArrayList<>();
        for (String n : all(oldVoters, oldListeners)) {
            if (!newVoters.contains(n) && !newListeners.contains(n)) out.add(n);
        }
        return out;
    }

    /**
     * Refuses a change the group could not survive. Raft commits a change under joint consensus,
     * which needs a majority of the old voters and one of the new: both must be live (nodes
     * joining count as live, they were checked), and the group must keep a voter.
     *
     * @throws IllegalStateException naming the group and the unreachable voters
     */
    public void checkSafe(Set<String> live) {
        if (isNoop()) return;
        if (newVoters.isEmpty()) throw new IllegalStateException(group + " would have no voting member left");
        if (!hasMajority(oldVoters, live, List.of())) {
            throw new IllegalStateException(group + " has lost its majority (" + down(oldVoters, live)
                    + " unreachable of " + oldVoters + "): it cannot commit a membership change");
        }
        if (!hasMajority(newVoters, live, joining())) {
            throw new IllegalStateException("the change would leave " + group + " without a live majority: voters "
                    + newVoters + ", of which " + down(newVoters, live) + " unreachable");
        }
    }

    private static boolean hasMajority(List<String> voters, Set<String> live, List<String> joining) {
        long up = voters.stream().filter(v -> live.contains(v) || joining.contains(v)).count();
        return up > voters.size() / 2;
    }

    private static List<String> down(List<String> voters, Set<String> live) {
        return voters.stream().filter(v -> !live.contains(v)).toList();
    }

    private static List<String> plus(List<String> list, String n) {
        List<String> out = new ArrayList<>(list);
        out.add(n);
        return out;
    }

    private static List<String> minus(List<String> list, String n) {
        return list.stream().filter(x -> !x.equals(n)).toList();
    }

    private static List<String> swap(List<String> list, String from, String to) {
        return list.stream().map(x -> x.equals(from) ? to : x).toList();
    }

    private static List<String> all(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}

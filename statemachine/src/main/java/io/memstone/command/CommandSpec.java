package io.memstone.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Redis command as its spec describes it: arity, flags, key positions, ACL categories,
 * and its subcommands. The raw spec is kept for COMMAND INFO / COMMAND DOCS.
 *
 * @param name       lower-case name ({@code get}, or {@code setname} for a subcommand)
 * @param fullName   name used in errors: {@code get}, {@code client|setname}
 * @param arity      Redis arity: n means exactly n words, -n means at least n
 * @param flags      upper-case command flags from the spec (WRITE, READONLY, ...)
 */
public record CommandSpec(
        String name,
        String fullName,
        int arity,
        Set<String> flags,
        List<KeySpec> keySpecs,
        Map<String, CommandSpec> subcommands,
        JsonNode raw) {

    public boolean isWrite() {
        return flags.contains("WRITE");
    }

    /**
     * Whether the command goes through the Raft log rather than the read path: writes; what
     * Redis may replicate although it is not flagged a write (PFCOUNT stores the count it
     * computes in the HLL's header; EVAL's script may write); and changes to the script cache,
     * which every replica must hold alike.
     */
    public boolean goesThroughLog() {
        return isWrite() || flags.contains("MAY_REPLICATE") || LOGGED_CACHE_CHANGES.contains(fullName);
    }

    private static final Set<String> LOGGED_CACHE_CHANGES = Set.of("script|load", "script|flush");

    public boolean isReadOnly() {
        return flags.contains("READONLY");
    }

    public boolean arityMatches(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    public CommandSpec subcommand(String name) {
        return subcommands.get(name.toLowerCase(Locale.ROOT));
    }

    /** Positions in argv of every key the command names, in order (Redis' getKeysFromCommand). */
    public int[] keyPositions(byte[][] argv) {
        List<Integer> positions = new ArrayList<>();
        for (KeySpec ks : keySpecs) ks.collect(argv, positions);
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }
}

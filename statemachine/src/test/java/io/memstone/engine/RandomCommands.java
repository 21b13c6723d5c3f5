package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import io.memstone.command.Slots;
import io.memstone.testing.RawRespClient;
import io.memstone.testing.ReplyComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Building blocks of the generated differential sequences: a small key space, seeded choices. */
final class RandomCommands {
    private RandomCommands() {}

    static final String[] KEYS = {"k0", "k1", "k2", "k3", "k4", "k5"};

    static String key(Random r) {
        return pick(r, KEYS);
    }

    static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    /** Empties both sides, then compares {@code count} commands drawn by {@code next} from the seed. */
    static void run(Differential diff, long seed, int count, java.util.function.Function<Random, List<String>> next) {
        diff.reset();
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) diff.check(argv(next.apply(r)));
    }

    /** The final reads of a sequence: KEYS, then each reader command on every key. */
    static void readAll(Differential diff, String... readers) {
        diff.check("keys *");
        for (String k : KEYS) {
            for (String reader : readers) diff.check(reader + " " + k);
        }
    }

    /**
     * Half the time, the command as a script runs it ({@code EVAL "return
     * redis.call(unpack(ARGV))" 0 command...}), when its keys share a slot as a script's must
     * here (Redis Cluster's rule) and its reply compares byte for byte; otherwise the command.
     */
    static List<String> maybeInScript(Random r, List<String> words) {
        byte[][] argv = argv(words);
        CommandSpec spec = CommandTable.redis().lookup(CommandContext.lowerName(argv[0]));
        if (r.nextBoolean() || !ReplyComparison.exact(spec.name())
                || Slots.slotOf(argv, spec.keyPositions(argv)) == Slots.CROSS_SLOT) {
            return words;
        }
        List<String> script = new ArrayList<>(List.of("eval", "return redis.call(unpack(ARGV))", "0"));
        script.addAll(words);
        return script;
    }

    static byte[][] argv(List<String> words) {
        return RawRespClient.toBytes(words.toArray(new String[0]));
    }

    /** EXPIRE, PEXPIRE, EXPIREAT or PEXPIREAT with valid and invalid times and conditions. */
    static List<String> expire(Random r, String k) {
        String command = pick(r, "expire", "pexpire", "expireat", "pexpireat");
        boolean relative = !command.endsWith("at");
        boolean ms = command.startsWith("p");
        String when = r.nextInt(5) == 0 ? pick(r, "-1", "0", "abc", "9223372036854775807")
                : relative ? relativeTtl(r, ms)
                : (ms ? pick(r, "1", "99999999999000") : pick(r, "1", "99999999999"));
        List<String> argv = new ArrayList<>(List.of(command, k, when));
        for (int n = r.nextInt(3); n > 0; n--) argv.add(pick(r, "nx", "xx", "gt", "lt", "NX", "bad"));
        return argv;
    }

    /**
     * A relative TTL at least 500 ms away from any other the sequence draws (bar a one in a
     * million repeat): NX/XX/GT/LT then compare times that the two servers' clocks, a
     * millisecond or two apart, cannot order differently.
     */
    private static String relativeTtl(Random r, boolean ms) {
        long seconds = 100 + r.nextInt(1_000_000);
        return Long.toString(ms ? seconds * 1000 + 500 : seconds);
    }
}

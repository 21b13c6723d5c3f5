package io.memstone.engine;

import static io.memstone.engine.RandomCommands.pick;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random sequences of stream and consumer-group commands against redis-server and the
 * engine, every reply compared; reproducible from the seed. IDs are explicit (ms from a small
 * range, so collisions, ID errors and {@code ms-*} happen), so replies are byte-comparable;
 * idle times and Redis' radix tree node count are blanked ({@link
 * StreamEdgeCasesMatchRedisTest#normalized}). Trims with {@code ~} and LIMIT test the node
 * boundaries the engine keeps as Redis does.
 */
class StreamRandomSequencesMatchRedisTest {
    private static final int COMMANDS_PER_SEED = 2500;
    private static final String[] KEYS = {"s0", "s1", "s2"};
    private static final String[] GROUPS = {"g1", "g2"};
    private static final String[] CONSUMERS = {"alice", "bob", "carol"};
    /** Replies holding times or Redis' inner node count. */
    private static final List<String> NORMALIZED = List.of("xpending", "xinfo");

    @RegisterExtension
    static final Differential diff = new Differential();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void randomStreamCommandsReplyLikeRedis(long seed) {
        run(seed, false);
    }

    /**
     * Values of up to 700 bytes, some numeric: nodes close on stream-node-max-bytes (4096) as
     * often as on the entry count, so the engine's reckoning of Redis' listpack sizes decides
     * what {@code ~} trims.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void randomStreamCommandsWithLargeValuesReplyLikeRedis(long seed) {
        run(seed, true);
    }

    private static void run(long seed, boolean large) {
        diff.reset();
        Random r = new Random(seed);
        long[] clock = {1};
        for (int i = 0; i < COMMANDS_PER_SEED; i++) check(command(r, clock, large));
        for (String k : KEYS) {
            check("xrange " + k + " - +");
            check("xinfo stream " + k + " full count 0");
            check("xinfo groups " + k);
        }
    }

    private static void check(String line) {
        if (NORMALIZED.stream().anyMatch(line::startsWith)) diff.checkNormalized(line, StreamEdgeCasesMatchRedisTest::normalized);
        else diff.check(line);
    }

    /** IDs mostly grow (a slowly moving clock), with stale ones now and then. */
    private static String id(Random r, long[] clock) {
        if (r.nextInt(4) == 0) clock[0] += 1 + r.nextInt(3);
        long ms = r.nextInt(8) == 0 ? Math.max(0, clock[0] - r.nextInt(10)) : clock[0];
        return switch (r.nextInt(10)) {
            case 0 -> ms + "-*";
            case 1 -> Long.toString(ms);
            default -> ms + "-" + r.nextInt(4);
        };
    }

    private static String bound(Random r, long[] clock) {
        return switch (r.nextInt(6)) {
            case 0 -> "-";
            case 1 -> "+";
            case 2 -> "(" + r.nextInt((int) clock[0] + 1) + "-" + r.nextInt(3);
            default -> Long.toString(r.nextInt((int) clock[0] + 2));
        };
    }

    private static String trim(Random r, long[] clock) {
        String approx = pick(r, "", "= ", "~ ", "~ ");
        String strategy = r.nextBoolean() ? "maxlen " + approx + r.nextInt(150)
                : "minid " + approx + Math.max(0, clock[0] - r.nextInt(200));
        return approx.equals("~ ") && r.nextInt(3) == 0 ? strategy + " limit " + r.nextInt(250) : strategy;
    }

    private static String value(Random r, boolean large) {
        if (!large || r.nextInt(3) == 0) return "v" + r.nextInt(100);
        return r.nextBoolean() ? Long.toString(r.nextLong() >> r.nextInt(64)) : "x".repeat(1 + r.nextInt(700));
    }

    private static String command(Random r, long[] clock, boolean large) {
        String k = pick(r, KEYS), g = pick(r, GROUPS), c = pick(r, CONSUMERS);
        return switch (r.nextInt(24)) {
            case 0, 1, 2, 3, 4, 5 -> {
                String opts = r.nextInt(6) == 0 ? trim(r, clock) + " " : r.nextInt(20) == 0 ? "nomkstream " : "";
                String fields = r.nextBoolean() ? "f " + value(r, large) : "f " + r.nextInt(9) + " g " + value(r, large);
                yield "xadd " + k + " " + opts + id(r, clock) + " " + fields;
            }
            case 6 -> "xdel " + k + " " + id(r, clock) + " " + id(r, clock);
            case 7 -> "xrange " + k + " " + bound(r, clock) + " " + bound(r, clock) + (r.nextBoolean() ? " count " + r.nextInt(5) : "");
            case 8 -> "xrevrange " + k + " " + bound(r, clock) + " " + bound(r, clock) + (r.nextBoolean() ? " count " + r.nextInt(5) : "");
            case 9 -> "xlen " + k;
            case 10 -> "xtrim " + k + " " + trim(r, clock);
            case 11 -> "xread count " + (1 + r.nextInt(4)) + " streams " + k + " " + pick(r, KEYS) + " "
                    + pick(r, "0", "$", Long.toString(Math.max(0, clock[0] - r.nextInt(20)))) + " " + pick(r, "0", "$", "5");
            case 12 -> "xgroup create " + k + " " + g + " " + pick(r, "0", "$", bound(r, clock).replace("(", "").replace("+", "0"))
                    + (r.nextBoolean() ? " mkstream" : "") + (r.nextInt(4) == 0 ? " entriesread " + r.nextInt(50) : "");
            case 13 -> pick(r, "xgroup destroy " + k + " " + g, "xgroup createconsumer " + k + " " + g + " " + c,
                    "xgroup delconsumer " + k + " " + g + " " + c, "xgroup setid " + k + " " + g + " " + pick(r, "0", "$", bound(r, clock)));
            case 14, 15, 16 -> "xreadgroup group " + g + " " + c + (r.nextInt(4) == 0 ? " noack" : "")
                    + (r.nextBoolean() ? " count " + (1 + r.nextInt(5)) : "") + " streams " + k + " "
                    + (r.nextInt(4) == 0 ? pick(r, "0", bound(r, clock)) : ">");
            case 17 -> "xack " + k + " " + g + " " + id(r, clock).replace("*", "0") + " " + bound(r, clock).replace("(", "");
            case 18 -> r.nextBoolean() ? "xpending " + k + " " + g
                    : "xpending " + k + " " + g + " " + bound(r, clock) + " " + bound(r, clock) + " " + r.nextInt(8)
                    + (r.nextBoolean() ? " " + c : "");
            case 19 -> "xclaim " + k + " " + g + " " + c + " 0 " + bound(r, clock).replace("(", "") + " "
                    + bound(r, clock).replace("(", "") + pick(r, "", " justid", " force", " retrycount 3", " force justid");
            case 20 -> "xautoclaim " + k + " " + g + " " + c + " 0 " + bound(r, clock) + " count " + (1 + r.nextInt(4))
                    + (r.nextBoolean() ? " justid" : "");
            case 21 -> pick(r, "xinfo groups " + k, "xinfo consumers " + k + " " + g, "xinfo stream " + k,
                    "xinfo stream " + k + " full count 3");
            case 22 -> "xsetid " + k + " " + (clock[0] + r.nextInt(3)) + "-" + r.nextInt(3)
                    + (r.nextInt(3) == 0 ? " entriesadded " + r.nextInt(300) : "");
            default -> pick(r, "del " + k, "type " + k, "exists " + k);
        };
    }
}

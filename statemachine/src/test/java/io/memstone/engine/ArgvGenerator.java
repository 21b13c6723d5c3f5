package io.memstone.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.memstone.command.CommandSpec;
import io.memstone.rdb.DumpPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a command's argv from the {@code arguments} tree of its Redis spec (key, string,
 * integer, double, pattern, unix-time, pure-token, oneof, block; optional, multiple), biased
 * towards the inputs that break engines: integers at the 32- and 64-bit edges and past them,
 * NaN and infinities, empty and huge strings, keys of every type, stray tokens, bad arities.
 */
final class ArgvGenerator {
    /** Keys sharing one hash slot; {@link #FILLED} holds one of each type after a reset. */
    static final List<String> KEYS = List.of("{k}str", "{k}int", "{k}list", "{k}biglist", "{k}hash", "{k}bighash",
            "{k}set", "{k}bigset", "{k}intset", "{k}zset", "{k}bigzset", "{k}hll", "{k}stream", "{k}none", "{k}none2");
    /** Commands that give the keys of {@link #KEYS} their types: packed and unpacked encodings. */
    static final List<String> FILLED = List.of(
            "SET {k}str hello", "SET {k}int 42", "RPUSH {k}list a b c 1 2", "HSET {k}hash f v n 7 x 1.5",
            "SADD {k}set a b c", "SADD {k}intset 1 2 3 -9", "ZADD {k}zset 1 a 2 b 2 c 3.5 d",
            "PFADD {k}hll a b c", "XADD {k}stream 1-1 f v", "XADD {k}stream 2-1 a 1 b 2", "XADD {k}stream 3-5 f w",
            "XGROUP CREATE {k}stream grp 0", "XREADGROUP GROUP grp c COUNT 1 STREAMS {k}stream >");
    private static final String[] EXTREME_INTEGERS = {"0", "-1", "1", "2", "-2", "2147483647", "2147483648",
            "2147483649", "-2147483647", "-2147483648", "-2147483649", "4294967295", "4294967296",
            "9223372036854775807", "9223372036854775806", "-9223372036854775808", "-9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
            "99999999999999999999999999999999", "-99999999999999999999999999999999", "536870911", "536870912",
            "4611686018427387904", "-4611686018427387904", "1152921504606846976", "9223372036854775"};
    private static final String[] BAD_NUMBERS = {"", " 1", "1 ", "+1", "01", "0x10", "1.5", "1e3", "abc", "-",
            "-0", "\u0000", "1\u00002", "nan"};
    private static final String[] DOUBLES = {"nan", "NaN", "-nan", "inf", "-inf", "+inf", "infinity", "-Infinity",
            "1e400", "-1e400", "1e308", "-1e308", "4.9e-324", "0", "-0", "0.0", "1.5", "-2.5", "1e-400",
            "0x1p3", "3.", ".5", "1e", "17976931348623157e292", "(1", "(-inf", "(nan", "[1"};
    private static final String[] RANGE_BOUNDS = {"-", "+", "[a", "(a", "[", "(", "[b", "(c", "-inf", "+inf",
            "(1", "(2", "(-1", "[1", "(9223372036854775807", "a"};
    private static final String[] WORDS = {"a", "b", "c", "d", "f", "n", "x", "1", "2", "hello", "",
            "*", "#", "w_*", "{k}str", "{k}list", "{k}hash->f", "{k}none"};
    private static final String[] PATTERNS = {"*", "?", "{k}*", "*list*", "[a-z]*", "[^a]*", "\\", "[", "[a-",
            "*\\", "**********a", "[]]*", "h?llo", "\u0000*"};
    private static final String[] BITFIELD_TYPES = {"u8", "i8", "u1", "i64", "u63", "u64", "i65", "u0", "i0",
            "x8", "u", "i-1", "u4294967304"};

    private final Random random;
    private final List<String> tokens;
    private final List<byte[]> payloads = new ArrayList<>();
    /** A string argument of at least 1 MB is made this many more times. */
    private int hugeStringsLeft;

    ArgvGenerator(Random random, List<CommandSpec> specs, int hugeStrings) {
        this.random = random;
        this.hugeStringsLeft = hugeStrings;
        List<String> t = new ArrayList<>();
        for (CommandSpec s : specs) collectTokens(s.raw().path("arguments"), t);
        this.tokens = t;
    }

    /** DUMP payloads of real values, which RESTORE arguments are mutated from. */
    void setPayloads(List<byte[]> dumps) {
        payloads.clear();
        payloads.addAll(dumps);
    }

    byte[][] generate(CommandSpec spec) {
        List<byte[]> argv = new ArrayList<>();
        argv.add(bytes(random.nextInt(8) == 0 ? spec.name().toUpperCase(Locale.ROOT) : spec.name()));
        CommandSpec target = spec;
        if (!spec.subcommands().isEmpty()) {
            List<CommandSpec> subs = new ArrayList<>(spec.subcommands().values());
            target = subs.get(random.nextInt(subs.size()));
            argv.add(bytes(target.name()));
        }
        arguments(target.raw().path("arguments"), argv);
        switch (random.nextInt(40)) {
            case 0 -> argv.add(randomToken());
            case 1 -> { if (argv.size() > 1) argv.remove(argv.size() - 1); }
            case 2 -> { if (argv.size() > 1) argv.set(1 + random.nextInt(argv.size() - 1), randomToken()); }
            default -> { }
        }
        return argv.toArray(new byte[0][]);
    }

    private void arguments(JsonNode args, List<byte[]> out) {
        for (int i = 0; i < args.size(); i++) {
            JsonNode a = args.get(i);
            if (a.path("optional").asBoolean() && random.nextInt(3) != 0) continue;
            int at = out.size() + (a.has("token") ? 1 : 0);
            emit(a, out);
            // numkeys counts the keys after it: mostly right, so the command gets past the count.
            if (a.path("name").asText().equals("numkeys") && i + 1 < args.size() && random.nextInt(4) != 0) {
                int before = out.size();
                emit(args.get(++i), out);
                out.set(at, bytes(Integer.toString(out.size() - before)));
            }
        }
    }

    /** One argument of the spec, its token first, repeated if it is multiple. */
    private void emit(JsonNode a, List<byte[]> out) {
        int repeats = a.path("multiple").asBoolean() ? 1 + random.nextInt(random.nextInt(8) == 0 ? 12 : 3) : 1;
        for (int r = 0; r < repeats; r++) {
            if (a.has("token") && (r == 0 || a.path("multiple_token").asBoolean())) {
                String token = a.get("token").asText();
                out.add(bytes(random.nextInt(10) == 0 ? token.toLowerCase(Locale.ROOT) : token));
            }
            argument(a, out);
        }
    }

    private void argument(JsonNode a, List<byte[]> out) {
        String name = a.path("name").asText();
        switch (a.path("type").asText()) {
            case "key" -> out.add(key());
            // A scan from cursor 0 is the one whose reply can be compared with Redis'.
            case "integer" -> out.add(name.equals("cursor") && random.nextBoolean() ? bytes("0") : integer());
            case "double" -> out.add(random.nextBoolean() ? bytes(DOUBLES[random.nextInt(DOUBLES.length)]) : integer());
            case "pattern" -> out.add(bytes(PATTERNS[random.nextInt(PATTERNS.length)]));
            case "unix-time" -> out.add(unixTime());
            case "pure-token" -> { if (!a.has("token")) out.add(randomToken()); }
            case "oneof" -> {
                JsonNode choice = a.path("arguments").get(random.nextInt(a.path("arguments").size()));
                if (choice.has("token")) out.add(bytes(choice.get("token").asText()));
                argument(choice, out);
            }
            case "block" -> arguments(a.path("arguments"), out);
            default -> out.add(name.equals("serialized-value") ? payload()
                    : name.equals("encoding") ? bytes(BITFIELD_TYPES[random.nextInt(BITFIELD_TYPES.length)])
                    : string());
        }
    }

    private byte[] key() {
        return bytes(KEYS.get(random.nextInt(KEYS.size())));
    }

    /** An integer argument: an edge value, a small one, a bit offset form, or not an integer. */
    private byte[] integer() {
        int k = random.nextInt(20);
        if (k < 8) return bytes(EXTREME_INTEGERS[random.nextInt(EXTREME_INTEGERS.length)]);
        if (k < 16) return bytes(Integer.toString(random.nextInt(24) - 6));
        if (k < 17) return bytes("#" + new String(integer(), StandardCharsets.ISO_8859_1));
        if (k < 18) return bytes(Long.toString(random.nextLong()));
        return bytes(BAD_NUMBERS[random.nextInt(BAD_NUMBERS.length)]);
    }

    /** A Unix time: edges, or now plus or minus a little, in seconds or ms. */
    private byte[] unixTime() {
        long now = System.currentTimeMillis();
        return switch (random.nextInt(4)) {
            case 0 -> bytes(Long.toString(now / 1000 + 1000 - random.nextInt(2000)));
            case 1 -> bytes(Long.toString(now + 1_000_000 - random.nextInt(2_000_000)));
            default -> integer();
        };
    }

    private byte[] string() {
        int k = random.nextInt(100);
        if (k < 35) return bytes(WORDS[random.nextInt(WORDS.length)]);
        if (k < 55) return integer();
        if (k < 62) return bytes(DOUBLES[random.nextInt(DOUBLES.length)]);
        if (k < 72) return bytes(RANGE_BOUNDS[random.nextInt(RANGE_BOUNDS.length)]);
        if (k < 77) return randomToken();
        if (k < 80) return key();
        if (k < 85) {
            byte[] b = new byte[random.nextInt(20)];
            random.nextBytes(b);
            return b;
        }
        if (k < 88 && hugeStringsLeft > 0) {
            hugeStringsLeft--;
            return filled(1 << 20 + random.nextInt(4)); // 1, 2, 4 or 8 MB
        }
        if (k < 92) return filled(100 + random.nextInt(70_000));
        return bytes(WORDS[random.nextInt(WORDS.length)] + random.nextInt(100));
    }

    private byte[] filled(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) ('a' + random.nextInt(3)));
        return b;
    }

    /** A DUMP payload: real, truncated, with a byte changed (checksum redone or not), or garbage. */
    private byte[] payload() {
        if (payloads.isEmpty() || random.nextInt(10) == 0) {
            byte[] b = new byte[random.nextInt(30)];
            random.nextBytes(b);
            return random.nextBoolean() ? b : DumpPayload.frame(b);
        }
        byte[] p = payloads.get(random.nextInt(payloads.size()));
        return switch (random.nextInt(5)) {
            case 0 -> p;
            case 1 -> Arrays.copyOf(p, random.nextInt(p.length));
            case 2 -> {
                byte[] body = DumpPayload.typedObject(p);
                yield DumpPayload.frame(Arrays.copyOf(body, random.nextInt(body.length + 1)));
            }
            default -> {
                byte[] body = DumpPayload.typedObject(p).clone();
                int changes = 1 + random.nextInt(3);
                for (int c = 0; c < changes && body.length > 0; c++) {
                    int at = random.nextInt(body.length);
                    body[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (body[at] ^ (1 << random.nextInt(8)));
                }
                yield random.nextInt(4) == 0 ? Arrays.copyOf(p, p.length) : DumpPayload.frame(body);
            }
        };
    }

    private byte[] randomToken() {
        return tokens.isEmpty() ? bytes("x") : bytes(tokens.get(random.nextInt(tokens.size())));
    }

    private static void collectTokens(JsonNode args, List<String> out) {
        for (JsonNode a : args) {
            if (a.has("token")) out.add(a.get("token").asText());
            collectTokens(a.path("arguments"), out);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

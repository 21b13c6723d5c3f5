package io.memstone.engine;

import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import io.memstone.testing.ReplyComparison;
import io.memstone.testing.ReplyMatcher;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension ({@code @RegisterExtension static final Differential diff = new
 * Differential();}) that starts redis-server before the class's tests and stops it after. It
 * sends the same commands to redis-server and to an engine and asserts the same RESP2 replies,
 * as {@link ReplyComparison} judges them.
 */
final class Differential implements BeforeAllCallback, AfterAllCallback {
    private RedisServerProcess server;
    private RawRespClient redis;
    private EngineRunner engine = new EngineRunner();
    private final ReplyMatcher replies = new ReplyMatcher();

    /** Empties both sides. */
    void reset() {
        redis.callString("FLUSHALL");
        engine = new EngineRunner();
        replies.clear();
    }

    /** The engine's value at key (null if absent), to check what replies cannot show. */
    RedisValue engineValue(String key) {
        return engine.engine().keyspace().get(new Key(key.getBytes(StandardCharsets.UTF_8)), System.currentTimeMillis());
    }

    /** Runs one command line (see {@link #tokenize}) on both and compares the replies. */
    void check(String line) {
        check(tokenize(line));
    }

    void check(byte[]... argv) {
        check(false, argv);
    }

    /**
     * Like {@link #check(byte[]...)}, but the engine runs the command through the log even if
     * it is read-only (as inside MULTI), so a read that Redis lets write (PFCOUNT's cache) writes.
     */
    void checkAsWrite(String line) {
        check(true, tokenize(line));
    }

    private void check(boolean asWrite, byte[][] argv) {
        byte[] expected = redis.call(argv);
        replies.check(argv, expected, asWrite ? engine.callAsWrite(argv) : engine.call(argv));
    }

    /**
     * Like {@link #check(String)}, with both replies passed through {@code normalize} first: for
     * a reply holding a value that differs by design (a time, Redis' radix tree node count).
     */
    void checkNormalized(String line, java.util.function.UnaryOperator<byte[]> normalize) {
        byte[][] argv = tokenize(line);
        replies.check(argv, normalize.apply(redis.call(argv)), normalize.apply(engine.call(argv)));
    }

    /** A command run on the engine alone, for what only it gives (its DUMP payloads). */
    byte[] engineOnly(byte[]... argv) {
        return engine.call(argv);
    }

    /** A command run on redis-server alone, for what only it can give (its DUMP payloads). */
    byte[] redisOnly(byte[]... argv) {
        return redis.call(argv);
    }

    /** Replaces key with a one-element list on both sides (for WRONGTYPE cases). */
    void listAt(String key) {
        check(RawRespClient.toBytes("DEL", key));
        check(RawRespClient.toBytes("RPUSH", key, "element"));
    }

    /**
     * Splits a command line on spaces; a token in double quotes may hold spaces and the
     * escapes \0 \r \n \" \\ ({@code ""} is the empty string).
     */
    static byte[][] tokenize(String line) {
        List<byte[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            if (line.charAt(i) == '"') {
                for (i++; line.charAt(i) != '"'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        c = line.charAt(++i);
                        c = c == '0' ? '\0' : c == 'r' ? '\r' : c == 'n' ? '\n' : c;
                    }
                    t.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
                i++;
            } else {
                int end = line.indexOf(' ', i);
                if (end < 0) end = line.length();
                t.writeBytes(line.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
            tokens.add(t.toByteArray());
        }
        return tokens.toArray(new byte[0][]);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServerProcess.start();
        redis = server.connect();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) redis.close();
        if (server != null) server.close();
    }
}

package io.memstone.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Asserts, command after command, that memstone replies as redis-server does (judged by
 * {@link ReplyComparison}); remembers the last commands so that a mismatch shows what led to it.
 */
public final class ReplyMatcher {
    private static final int SHOWN = 12;
    private final Deque<String> recent = new ArrayDeque<>();

    /** Forgets the commands so far (after both sides were emptied). */
    public void clear() {
        recent.clear();
    }

    /** Sends the command to both and compares the replies. */
    public void check(List<String> command, RawRespClient redis, RawRespClient memstone) {
        byte[][] argv = RawRespClient.toBytes(command.toArray(new String[0]));
        check(argv, redis.call(argv), memstone.call(argv));
    }

    /** Records the command and fails unless the replies match. */
    public void check(byte[][] argv, byte[] expected, byte[] actual) {
        String shown = ReplyComparison.show(argv);
        if (recent.size() == SHOWN) recent.removeFirst();
        recent.addLast(shown);
        if (!ReplyComparison.same(argv, expected, actual)) {
            fail("command: " + shown + "\nexpected (redis-server): " + ReplyComparison.printable(expected)
                    + "\nactual (memstone):       " + ReplyComparison.printable(actual)
                    + "\nafter: " + String.join(" ; ", recent));
        }
    }
}

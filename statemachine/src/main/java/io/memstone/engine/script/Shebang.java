package io.memstone.engine.script;

import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A script's first line when it starts with {@code #!} (Redis 7.0's evalExtractShebangFlags):
 * {@code #!lua [flags=f1,f2...]}. A script without one runs in eval compatibility mode.
 *
 * @param length bytes of the line before its line feed, which the compiled body keeps so line
 *               numbers stay the user's; 0 without a shebang
 * @param flags  the declared flags; null without a shebang
 */
public record Shebang(int length, Set<String> flags) {
    public static final String NO_WRITES = "no-writes";
    public static final String NO_CLUSTER = "no-cluster";
    public static final String ALLOW_CROSS_SLOT_KEYS = "allow-cross-slot-keys";
    private static final Set<String> KNOWN = Set.of(NO_WRITES, "allow-oom", "allow-stale", NO_CLUSTER, ALLOW_CROSS_SLOT_KEYS);
    private static final Shebang NONE = new Shebang(0, null);

    /** Thrown with the error reply of a shebang Redis refuses. */
    static final class Refused extends Exception {
        final transient Reply reply;

        Refused(String message) {
            super(message, null, false, false);
            this.reply = Reply.error("ERR " + message);
        }
    }

    /** Whether the script declared a shebang, and so runs under its flags rather than in compatibility mode. */
    public boolean declared() {
        return flags != null;
    }

    public boolean has(String flag) {
        return flags != null && flags.contains(flag);
    }

    static Shebang parse(byte[] body) throws Refused {
        if (body.length < 2 || body[0] != '#' || body[1] != '!') return NONE;
        int end = 0;
        while (end < body.length && body[end] != '\n') end++;
        if (end == body.length) throw new Refused("Invalid script shebang");
        String[] parts = new String(body, 0, end, StandardCharsets.UTF_8).trim().split("[ \t\r]+");
        if (!parts[0].equals("#!lua")) throw new Refused("Unexpected engine in script shebang: " + parts[0]);
        Set<String> flags = new HashSet<>();
        for (String part : Arrays.asList(parts).subList(1, parts.length)) {
            if (!part.startsWith("flags=")) throw new Refused("Unknown lua shebang option: " + part);
            String list = part.substring("flags=".length());
            for (String flag : list.isEmpty() ? new String[0] : list.split(",", -1)) {
                if (!KNOWN.contains(flag)) throw new Refused("Unexpected flag in script shebang: " + flag);
                flags.add(flag);
            }
        }
        return new Shebang(end, Set.copyOf(flags));
    }
}

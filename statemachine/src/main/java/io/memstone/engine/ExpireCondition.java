package io.memstone.engine;

import java.nio.charset.StandardCharsets;

/**
 * EXPIRE's NX / XX / GT / LT options, parsed and checked as Redis 7.0 does
 * (parseExtendedExpireArgumentsOrReply). A key without an expiry has an infinite TTL: GT never
 * passes for it, LT always does.
 */
record ExpireCondition(boolean nx, boolean xx, boolean gt, boolean lt) {

    static ExpireCondition parse(CommandContext ctx, int from) {
        boolean nx = false, xx = false, gt = false, lt = false;
        for (int i = from; i < ctx.argc(); i++) {
            switch (ctx.option(i)) {
                case "nx": nx = true; break;
                case "xx": xx = true; break;
                case "gt": gt = true; break;
                case "lt": lt = true; break;
                default: throw new CommandError(Reply.error("ERR Unsupported option " + cString(ctx.argv[i])));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new CommandError(Reply.error("ERR NX and XX, GT or LT options at the same time are not compatible"));
        }
        if (gt && lt) throw new CommandError(Reply.error("ERR GT and LT options at the same time are not compatible"));
        return new ExpireCondition(nx, xx, gt, lt);
    }

    /** {@code current} is the key's expiry or -1; {@code when} the proposed one. */
    boolean allows(long current, long when) {
        if (nx && current != -1) return false;
        if (xx && current == -1) return false;
        if (gt && (current == -1 || when <= current)) return false;
        return !(lt && current != -1 && when >= current);
    }

    /**
     * The option as Redis' error shows it: a C string (ends at NUL), trailing CR/LF trimmed
     * and inner ones replaced by spaces, so the error stays one protocol line.
     */
    private static String cString(byte[] arg) {
        String s = new String(arg, 0, CommandContext.cLength(arg), StandardCharsets.UTF_8);
        return s.replaceAll("[\r\n]+$", "").replace('\r', ' ').replace('\n', ' ');
    }
}

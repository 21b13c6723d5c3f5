package io.memstone.engine;

/**
 * SET's and GETEX's options, parsed as Redis 7.0's parseExtendedStringArgumentsOrReply does:
 * options in any order and repeatable, NX/XX exclusive, one expire form (EX PX EXAT PXAT) or
 * KEEPTTL (SET) or PERSIST (GETEX), an expire form needing a following argument; anything
 * else, including an option of the other command, is a syntax error.
 */
record SetOptions(boolean nx, boolean xx, boolean get, boolean keepTtl, boolean persist, Expire expire,
                  byte[] expireArg) {
    enum Expire { EX, PX, EXAT, PXAT }

    static final SetOptions NX = new SetOptions(true, false, false, false, false, null, null);

    static SetOptions withExpire(Expire unit, byte[] arg) {
        return new SetOptions(false, false, false, false, false, unit, arg);
    }

    /** SET's options, from argument {@code from} on. */
    static SetOptions parse(CommandContext ctx, int from) {
        return parse(ctx, from, true);
    }

    /** GETEX's options, after the key. */
    static SetOptions parseGetex(CommandContext ctx) {
        return parse(ctx, 2, false);
    }

    private static SetOptions parse(CommandContext ctx, int from, boolean forSet) {
        boolean nx = false, xx = false, get = false, keepTtl = false, persist = false;
        Expire expire = null;
        byte[] expireArg = null;
        for (int i = from; i < ctx.argc(); i++) {
            String opt = ctx.option(i);
            boolean hasNext = i + 1 < ctx.argc();
            Expire unit = expireUnit(opt);
            if (forSet && opt.equals("nx") && !xx) {
                nx = true;
            } else if (forSet && opt.equals("xx") && !nx) {
                xx = true;
            } else if (forSet && opt.equals("get")) {
                get = true;
            } else if (forSet && opt.equals("keepttl") && expire == null) {
                keepTtl = true;
            } else if (!forSet && opt.equals("persist") && expire == null) {
                persist = true;
            } else if (unit != null && !keepTtl && !persist && (expire == null || expire == unit) && hasNext) {
                expire = unit;
                expireArg = ctx.argv[++i];
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        return new SetOptions(nx, xx, get, keepTtl, persist, expire, expireArg);
    }

    private static Expire expireUnit(String opt) {
        switch (opt) {
            case "ex": return Expire.EX;
            case "px": return Expire.PX;
            case "exat": return Expire.EXAT;
            case "pxat": return Expire.PXAT;
            default: return null;
        }
    }
}

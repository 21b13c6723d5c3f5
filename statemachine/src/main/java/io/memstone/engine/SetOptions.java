package io.memstone.engine;

/**
 * SET's options, parsed as Redis 7.0's parseExtendedStringArgumentsOrReply does: options in
 * any order and repeatable, NX/XX exclusive, one expire form (EX PX EXAT PXAT) or KEEPTTL,
 * an expire form needing a following argument; anything else is a syntax error.
 */
record SetOptions(boolean nx, boolean xx, boolean get, boolean keepTtl, Expire expire, byte[] expireArg) {
    enum Expire { EX, PX, EXAT, PXAT }

    static final SetOptions NX = new SetOptions(true, false, false, false, null, null);

    static SetOptions withExpire(Expire unit, byte[] arg) {
        return new SetOptions(false, false, false, false, unit, arg);
    }

    static SetOptions parse(CommandContext ctx, int from) {
        boolean nx = false, xx = false, get = false, keepTtl = false;
        Expire expire = null;
        byte[] expireArg = null;
        for (int i = from; i < ctx.argc(); i++) {
            String opt = ctx.option(i);
            boolean hasNext = i + 1 < ctx.argc();
            Expire unit = expireUnit(opt);
            if (opt.equals("nx") && !xx) {
                nx = true;
            } else if (opt.equals("xx") && !nx) {
                xx = true;
            } else if (opt.equals("get")) {
                get = true;
            } else if (opt.equals("keepttl") && expire == null) {
                keepTtl = true;
            } else if (unit != null && !keepTtl && (expire == null || expire == unit) && hasNext) {
                expire = unit;
                expireArg = ctx.argv[++i];
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        return new SetOptions(nx, xx, get, keepTtl, expire, expireArg);
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

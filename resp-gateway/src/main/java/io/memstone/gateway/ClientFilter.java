package io.memstone.gateway;

import io.memstone.acl.AclUsers;
import io.memstone.acl.Latin1;
import io.memstone.engine.Errors;
import io.memstone.engine.Numbers;
import io.memstone.engine.Reply;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The filters of {@code CLIENT KILL <filter> <value> ...} (ID, TYPE, ADDR, LADDR, USER, SKIPME),
 * parsed with redis-server 7.0's checks and errors. All given filters must match; SKIPME
 * (default yes) spares the calling connection.
 */
record ClientFilter(long id, String type, String addr, String laddr, String user, boolean skipMe) {

    /** A parsed filter, or the error to answer instead. */
    record Parsed(ClientFilter filter, Reply error) {}

    private static final Reply BAD_ID = Reply.error("ERR client-id should be greater than 0");

    /** @param users the ACL users now, which a USER filter must name */
    static Parsed parse(byte[][] argv, int from, AclUsers users) {
        long id = 0;
        String user = null;
        String type = null;
        String addr = null;
        String laddr = null;
        boolean skipMe = true;
        for (int i = from; i < argv.length; i += 2) {
            if (i + 1 >= argv.length) return new Parsed(null, Errors.SYNTAX);
            String option = Args.text(argv[i]).toLowerCase(Locale.ROOT);
            byte[] value = argv[i + 1];
            switch (option) {
                case "id" -> {
                    OptionalLong v = Numbers.string2ll(value);
                    if (v.isEmpty() || v.getAsLong() < 1) return new Parsed(null, BAD_ID);
                    id = v.getAsLong();
                }
                case "type" -> {
                    type = clientType(Args.text(value));
                    if (type == null) return new Parsed(null, unknownType(value));
                }
                case "addr" -> addr = Args.text(value);
                case "laddr" -> laddr = Args.text(value);
                case "user" -> {
                    user = Latin1.text(value);
                    if (users.get(user) == null) {
                        return new Parsed(null, GatewayErrors.error("ERR No such user '" + Args.text(value) + "'"));
                    }
                }
                case "skipme" -> {
                    if (Args.is(value, "yes")) skipMe = true;
                    else if (Args.is(value, "no")) skipMe = false;
                    else return new Parsed(null, Errors.SYNTAX);
                }
                default -> {
                    return new Parsed(null, Errors.SYNTAX);
                }
            }
        }
        return new Parsed(new ClientFilter(id, type, addr, laddr, user, skipMe), null);
    }

    /** A client already killed is closing: in Redis it is gone, so it is not killed (counted) twice. */
    boolean matches(ClientSession client, ClientSession caller) {
        return !client.killed && !(skipMe && client == caller)
                && (id == 0 || client.id == id)
                && (type == null || type.equals(client.type()))
                && (addr == null || client.addr.equals(addr))
                && (laddr == null || client.laddr.equals(laddr))
                && (user == null || client.user.equals(user));
    }

    /**
     * Redis' client type names, canonical (replica for slave); null if unknown. A client of
     * this gateway is of type pubsub while it has subscriptions, else normal (MONITOR clients
     * too, as Redis reports them).
     */
    static String clientType(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> "normal";
            case "replica", "slave" -> "replica";
            case "master" -> "master";
            case "pubsub" -> "pubsub";
            default -> null;
        };
    }

    static Reply unknownType(byte[] name) {
        return GatewayErrors.error("ERR Unknown client type '" + Args.text(name) + "'");
    }
}

package io.memstone.gateway;

import io.memstone.engine.Errors;
import io.memstone.engine.Numbers;
import io.memstone.engine.Reply;
import io.memstone.engine.RespWriter;
import java.util.List;
import java.util.OptionalLong;

/**
 * Connection commands Redis answers without touching data: PING, ECHO, QUIT, SELECT, HELLO,
 * AUTH (checked against the ACL users by the {@link Authenticator}).
 */
final class ConnectionCommands {
    static final String VERSION = "7.0.15";
    private static final byte[] DEFAULT_USER = io.memstone.acl.Latin1.bytes(io.memstone.acl.AclUser.DEFAULT);
    private static final Reply HELLO_NOAUTH = Reply.error("NOAUTH HELLO must be called with the client already "
            + "authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client "
            + "and select the RESP protocol version at the same time");
    private final Authenticator authenticator;

    ConnectionCommands(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    private static final Reply AUTH_WITHOUT_PASSWORD = Reply.error("ERR AUTH <password> called without any "
            + "password configured for the default user. Are you sure your configuration is correct?");

    void register(CommandCatalog catalog) {
        catalog.sync("ping", this::ping);
        catalog.sync("echo", (s, argv) -> Reply.bulk(argv[1]));
        catalog.sync("quit", this::quit);
        catalog.sync("select", this::select);
        catalog.sync("hello", this::hello);
        catalog.sync("auth", this::auth);
    }

    /** In RESP2's subscribed context PING answers like a message: {@code ["pong", argument or ""]}. */
    Reply ping(ClientSession session, byte[][] argv) {
        if (argv.length > 2) return Errors.wrongArity("ping");
        if (session.protocol == RespWriter.RESP2 && session.subscriptions.active()) {
            return Reply.array(List.of(Reply.bulk("pong"), Reply.bulk(argv.length == 2 ? argv[1] : new byte[0])));
        }
        return argv.length == 2 ? Reply.bulk(argv[1]) : Reply.PONG;
    }

    Reply quit(ClientSession session, byte[][] argv) {
        session.closeAfterReply = true;
        return Reply.OK;
    }

    /** Only database 0 exists; other indexes get Redis Cluster's error. */
    Reply select(ClientSession session, byte[][] argv) {
        OptionalLong db = Args.intValue(argv[1]);
        if (db.isEmpty()) return Errors.NOT_INTEGER;
        return db.getAsLong() == 0 ? Reply.OK : Errors.SELECT_IN_CLUSTER;
    }

    /** HELLO [protover [AUTH username password] [SETNAME clientname]] */
    Reply hello(ClientSession session, byte[][] argv) {
        int protocol = 0;
        if (argv.length >= 2) {
            OptionalLong v = Numbers.string2ll(argv[1]);
            if (v.isEmpty()) return Reply.error("ERR Protocol version is not an integer or out of range");
            if (v.getAsLong() < RespWriter.RESP2 || v.getAsLong() > RespWriter.RESP3) {
                return Reply.error("NOPROTO unsupported protocol version");
            }
            protocol = (int) v.getAsLong();
        }
        for (int j = 2; j < argv.length; j++) {
            int more = argv.length - 1 - j;
            if (Args.is(argv[j], "AUTH") && more >= 2) {
                if (!authenticator.authenticate(session, argv[0], argv[j + 1], argv[j + 2])) return Authenticator.WRONGPASS;
                j += 2;
            } else if (Args.is(argv[j], "SETNAME") && more >= 1) {
                byte[] name = argv[++j];
                if (!Args.printableWord(name)) return Args.BAD_CLIENT_NAME;
                session.name = Args.text(name);
            } else {
                return GatewayErrors.error("ERR Syntax error in HELLO option '" + Args.text(argv[j]) + "'");
            }
        }
        if (!session.authenticated) return HELLO_NOAUTH;
        if (protocol != 0) session.protocol = protocol;
        return new Reply.MapReply(List.of(
                Reply.bulk("server"), Reply.bulk("redis"),
                Reply.bulk("version"), Reply.bulk(VERSION),
                Reply.bulk("proto"), Reply.integer(session.protocol),
                Reply.bulk("id"), Reply.integer(session.id),
                Reply.bulk("mode"), Reply.bulk("cluster"),
                Reply.bulk("role"), Reply.bulk("master"),
                Reply.bulk("modules"), Reply.EMPTY_ARRAY));
    }

    /** AUTH [username] password; the one-argument form names the default user. */
    Reply auth(ClientSession session, byte[][] argv) {
        if (argv.length > 3) return Errors.SYNTAX;
        if (argv.length == 2 && !authenticator.defaultUserHasPassword()) return AUTH_WITHOUT_PASSWORD;
        byte[] user = argv.length == 2 ? DEFAULT_USER : argv[1];
        return authenticator.authenticate(session, argv[0], user, argv[argv.length - 1]) ? Reply.OK : Authenticator.WRONGPASS;
    }
}

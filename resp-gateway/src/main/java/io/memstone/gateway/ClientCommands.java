package io.memstone.gateway;

import io.memstone.engine.Errors;
import io.memstone.engine.Numbers;
import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * CLIENT ID / SETNAME / GETNAME / SETINFO / INFO / LIST / KILL / PAUSE / UNPAUSE / NO-EVICT /
 * TRACKING / UNBLOCK, as Redis answers them. Client-side caching is not offered: TRACKING says so.
 */
final class ClientCommands {
    private static final Reply NO_SUCH_CLIENT = Reply.error("ERR No such client");
    private static final Reply INVALID_ID = Reply.error("ERR Invalid client ID");
    private static final Reply NO_TRACKING = Reply.error("ERR CLIENT TRACKING is not supported: Memstone has no client-side caching");

    private final ClientRegistry clients;
    private final ClientPause pause;
    private final BlockedClients blocked;

    private final AclStore users;

    ClientCommands(ClientRegistry clients, ClientPause pause, BlockedClients blocked, AclStore users) {
        this.clients = clients;
        this.pause = pause;
        this.blocked = blocked;
        this.users = users;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("client|id", (s, argv) -> Reply.integer(s.id));
        catalog.sync("client|setname", this::setname);
        catalog.sync("client|getname", (s, argv) -> s.name.isEmpty() ? Reply.NULL : Reply.bulk(s.name));
        catalog.sync("client|setinfo", this::setinfo);
        catalog.sync("client|info", (s, argv) -> text(s.infoLine(System.currentTimeMillis()) + "\n"));
        catalog.sync("client|list", this::list);
        catalog.sync("client|kill", this::kill);
        catalog.sync("client|pause", this::pause);
        catalog.sync("client|unpause", (s, argv) -> {
            pause.unpause();
            return Reply.OK;
        });
        catalog.sync("client|no-evict", this::noEvict);
        catalog.register("client|unblock", Invocation.Kind.LOCAL, this::unblock);
        catalog.sync("client|tracking", (s, argv) -> NO_TRACKING);
    }

    /** An empty name clears it. */
    Reply setname(ClientSession session, byte[][] argv) {
        if (!Args.printableWord(argv[2])) return Args.BAD_CLIENT_NAME;
        session.name = Args.text(argv[2]);
        return Reply.OK;
    }

    /** CLIENT SETINFO LIB-NAME|LIB-VER value (Redis 7.2; clients such as Lettuce send it). */
    Reply setinfo(ClientSession session, byte[][] argv) {
        String attr = Args.text(argv[2]);
        String lower = attr.toLowerCase(Locale.ROOT);
        if (!lower.equals("lib-name") && !lower.equals("lib-ver")) {
            return GatewayErrors.error("ERR Unrecognized option '" + attr + "'");
        }
        if (!Args.printableWord(argv[3])) {
            return GatewayErrors.error("ERR " + attr + " cannot contain spaces, newlines or special characters.");
        }
        if (lower.equals("lib-name")) session.libName = Args.text(argv[3]);
        else session.libVer = Args.text(argv[3]);
        return Reply.OK;
    }

    /** CLIENT LIST [TYPE type | ID id [id ...]]: one line per connection. */
    Reply list(ClientSession session, byte[][] argv) {
        long now = System.currentTimeMillis();
        if (argv.length == 2) return lines(clients.all().stream().toList(), now);
        if (argv.length == 4 && Args.is(argv[2], "type")) {
            String type = ClientFilter.clientType(Args.text(argv[3]));
            if (type == null) return ClientFilter.unknownType(argv[3]);
            return lines(clients.all().stream().filter(c -> c.type().equals(type)).toList(), now);
        }
        if (argv.length > 3 && Args.is(argv[2], "id")) {
            StringBuilder out = new StringBuilder();
            for (int i = 3; i < argv.length; i++) {
                OptionalLong id = Numbers.string2ll(argv[i]);
                if (id.isEmpty()) return INVALID_ID;
                ClientSession c = clients.byId(id.getAsLong());
                if (c != null) out.append(c.infoLine(now)).append('\n');
            }
            return text(out.toString());
        }
        return Errors.SYNTAX;
    }

    private static Reply lines(List<ClientSession> shown, long now) {
        return text(shown.stream().map(c -> c.infoLine(now) + "\n").collect(Collectors.joining()));
    }

    /** CLIENT KILL addr (OK or an error), or CLIENT KILL filter value ... (how many were closed). */
    Reply kill(ClientSession session, byte[][] argv) {
        if (argv.length == 3) {
            String addr = Args.text(argv[2]);
            ClientSession target = clients.all().stream().filter(c -> c.addr.equals(addr)).findFirst().orElse(null);
            if (target == null) return NO_SUCH_CLIENT;
            kill(target, session);
            return Reply.OK;
        }
        ClientFilter.Parsed parsed = ClientFilter.parse(argv, 2, users.users());
        if (parsed.error() != null) return parsed.error();
        int killed = 0;
        for (ClientSession c : clients.all()) {
            if (parsed.filter().matches(c, session)) {
                kill(c, session);
                killed++;
            }
        }
        return Reply.integer(killed);
    }

    /**
     * The caller itself gets its reply before its connection closes. Another connection closes
     * on its own event loop, maybe after the caller's reply: marked killed first, it answers
     * nothing more, as in Redis where it is gone by then.
     */
    private static void kill(ClientSession target, ClientSession caller) {
        if (target == caller) {
            target.closeAfterReply = true;
        } else {
            target.killed = true;
            target.channel.close();
        }
    }

    /** CLIENT PAUSE timeout-ms [WRITE|ALL]. */
    Reply pause(ClientSession session, byte[][] argv) {
        if (argv.length > 4) return GatewayErrors.subcommandSyntax(argv);
        ClientPause.Mode mode = ClientPause.Mode.ALL;
        if (argv.length == 4) {
            if (Args.is(argv[3], "write")) mode = ClientPause.Mode.WRITE;
            else if (!Args.is(argv[3], "all")) return Reply.error("ERR CLIENT PAUSE mode must be WRITE or ALL");
        }
        OptionalLong timeout = Numbers.string2ll(argv[2]);
        if (timeout.isEmpty()) return Reply.error("ERR timeout is not an integer or out of range");
        if (timeout.getAsLong() < 0) return Reply.error("ERR timeout is negative");
        long now = System.currentTimeMillis();
        if (timeout.getAsLong() > Long.MAX_VALUE - now) return Reply.error("ERR timeout is out of range");
        pause.pause(mode, now + timeout.getAsLong(), now);
        return Reply.OK;
    }

    /** CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 when the client was waiting in a blocking command. */
    CompletableFuture<Reply> unblock(ClientSession session, byte[][] argv) {
        if (argv.length > 4) return done(GatewayErrors.subcommandSyntax(argv));
        OptionalLong id = Numbers.string2ll(argv[2]);
        if (id.isEmpty()) return done(Errors.NOT_INTEGER);
        boolean error = false;
        if (argv.length == 4) {
            if (Args.is(argv[3], "error")) error = true;
            else if (!Args.is(argv[3], "timeout")) return done(Reply.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"));
        }
        return blocked.unblock(id.getAsLong(), error).thenApply(was -> was ? Reply.ONE : Reply.ZERO);
    }

    private static CompletableFuture<Reply> done(Reply r) {
        return CompletableFuture.completedFuture(r);
    }

    Reply noEvict(ClientSession session, byte[][] argv) {
        if (Args.is(argv[2], "on")) session.noEvict = true;
        else if (Args.is(argv[2], "off")) session.noEvict = false;
        else return Errors.SYNTAX;
        return Reply.OK;
    }

    /** Redis sends CLIENT INFO / LIST as a verbatim string (a bulk string in RESP2). */
    static Reply text(String s) {
        return new Reply.Verbatim("txt", s.getBytes(StandardCharsets.UTF_8));
    }
}

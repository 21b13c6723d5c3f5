package io.memstone.gateway;

import io.memstone.engine.Errors;
import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

/** CLIENT ID / SETNAME / GETNAME / SETINFO / INFO / LIST, as Redis answers them. */
final class ClientCommands {
    private final ClientRegistry clients;

    ClientCommands(ClientRegistry clients) {
        this.clients = clients;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("client|id", (s, argv) -> Reply.integer(s.id));
        catalog.sync("client|setname", this::setname);
        catalog.sync("client|getname", (s, argv) -> s.name.isEmpty() ? Reply.NULL : Reply.bulk(s.name));
        catalog.sync("client|setinfo", this::setinfo);
        catalog.sync("client|info", (s, argv) -> text(s.infoLine(System.currentTimeMillis()) + "\n"));
        catalog.sync("client|list", this::list);
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

    /** Every connection, one line each; the TYPE and ID filters are not supported yet. */
    Reply list(ClientSession session, byte[][] argv) {
        if (argv.length > 2) return Errors.SYNTAX;
        long now = System.currentTimeMillis();
        return text(clients.all().stream().map(c -> c.infoLine(now) + "\n").collect(Collectors.joining()));
    }

    /** Redis sends CLIENT INFO / LIST as a verbatim string (a bulk string in RESP2). */
    static Reply text(String s) {
        return new Reply.Verbatim("txt", s.getBytes(StandardCharsets.UTF_8));
    }
}

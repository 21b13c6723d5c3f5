package io.memstone.gateway;

import io.memstone.acl.AclCategories;
import io.memstone.acl.AclUser;
import io.memstone.acl.AclUsers;
import io.memstone.acl.Denial;
import io.memstone.acl.Latin1;
import io.memstone.command.CommandSpec;
import io.memstone.engine.Errors;
import io.memstone.engine.Reply;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * ACL SETUSER / GETUSER / DELUSER / LIST / USERS / WHOAMI / CAT / LOG / DRYRUN / GENPASS /
 * LOAD / SAVE / HELP with redis-server 7.0's replies. Users live in the {@link AclStore};
 * the log is this node's.
 */
final class AclCommand {
    private static final int GENPASS_MAX_BITS = 4096;
    private static final List<String> HELP = List.of(
            "CAT [<category>]",
            "    List all commands that belong to <category>, or all command categories",
            "    when no category is specified.",
            "DELUSER <username> [<username> ...]",
            "    Delete a list of users.",
            "DRYRUN <username> <command> [<arg> ...]",
            "    Returns whether the user can execute the given command without executing the command.",
            "GETUSER <username>",
            "    Get the user's details.",
            "GENPASS [<bits>]",
            "    Generate a secure 256-bit user password. The optional `bits` argument can",
            "    be used to specify a different size.",
            "LIST",
            "    Show users details in config file format.",
            "LOAD",
            "    Reload users from the ACL file.",
            "LOG [<count> | RESET]",
            "    Show the ACL log entries.",
            "SAVE",
            "    Save the current config to the ACL file.",
            "SETUSER <username> <attribute> [<attribute> ...]",
            "    Create or modify a user with the specified attributes.",
            "USERS",
            "    List all the registered usernames.",
            "WHOAMI",
            "    Return the current connection username.");
    private static final Reply NO_ACL_FILE = Reply.error("ERR This Redis instance is not configured to use an ACL "
            + "file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE "
            + "(assuming you have a Redis configuration file set) in order to store users in the Redis configuration.");

    private final AclStore store;
    private final AclLog log;
    private final CommandCatalog catalog;
    private final SecureRandom random = new SecureRandom();

    AclCommand(AclStore store, AclLog log, CommandCatalog catalog) {
        this.store = store;
        this.log = log;
        this.catalog = catalog;
    }

    void register(CommandCatalog catalog) {
        catalog.register("acl|setuser", Invocation.Kind.LOCAL, this::setUser);
        catalog.register("acl|deluser", Invocation.Kind.LOCAL, this::delUser);
        catalog.sync("acl|getuser", this::getUser);
        catalog.sync("acl|list", (s, argv) -> list(false));
        catalog.sync("acl|users", (s, argv) -> list(true));
        catalog.sync("acl|whoami", (s, argv) -> Reply.bulk(Latin1.bytes(s.user)));
        catalog.sync("acl|cat", this::cat);
        catalog.sync("acl|log", this::log);
        catalog.sync("acl|dryrun", this::dryRun);
        catalog.sync("acl|genpass", this::genPass);
        catalog.sync("acl|load", (s, argv) -> NO_ACL_FILE);
        catalog.sync("acl|save", (s, argv) -> NO_ACL_FILE);
        catalog.sync("acl|help", (s, argv) -> help());
    }

    CompletableFuture<Reply> setUser(ClientSession session, byte[][] argv) {
        List<String> rules = new ArrayList<>();
        for (int i = 3; i < argv.length; i++) rules.add(Latin1.text(argv[i]));
        return answer(store.setUser(Latin1.text(argv[2]), rules).thenApply(v -> Reply.OK));
    }

    CompletableFuture<Reply> delUser(ClientSession session, byte[][] argv) {
        List<String> names = new ArrayList<>();
        for (int i = 2; i < argv.length; i++) names.add(Latin1.text(argv[i]));
        return answer(store.deleteUsers(names).thenApply(Reply::integer));
    }

    /** A refused change answers with Redis' reason as an ERR reply. */
    private static CompletableFuture<Reply> answer(CompletableFuture<Reply> change) {
        return change.exceptionally(e -> GatewayErrors.fromFailure(e));
    }

    Reply getUser(ClientSession session, byte[][] argv) {
        AclUser u = store.users().get(Latin1.text(argv[2]));
        if (u == null) return Reply.NULL;
        List<AclUser.SelectorView> selectors = u.selectorViews();
        List<Reply> fields = new ArrayList<>(List.of(
                Reply.bulk("flags"), new Reply.SetReply(bulks(u.flags())),
                Reply.bulk("passwords"), Reply.array(bulks(u.passwordHashes()))));
        fields.addAll(selector(selectors.get(0)));
        fields.add(Reply.bulk("selectors"));
        fields.add(Reply.array(selectors.subList(1, selectors.size()).stream()
                .map(s -> (Reply) new Reply.MapReply(selector(s))).toList()));
        return new Reply.MapReply(fields);
    }

    private static List<Reply> selector(AclUser.SelectorView s) {
        return List.of(Reply.bulk("commands"), Reply.bulk(Latin1.bytes(s.commands())),
                Reply.bulk("keys"), Reply.bulk(Latin1.bytes(s.keys())),
                Reply.bulk("channels"), Reply.bulk(Latin1.bytes(s.channels())));
    }

    private static List<Reply> bulks(List<String> texts) {
        return texts.stream().map(t -> Reply.bulk(Latin1.bytes(t))).toList();
    }

    private Reply list(boolean namesOnly) {
        List<Reply> lines = new ArrayList<>();
        for (AclUser u : store.users().all()) {
            lines.add(Reply.bulk(Latin1.bytes(namesOnly ? u.name() : "user " + u.name() + " " + u.describe())));
        }
        return Reply.array(lines);
    }

    Reply cat(ClientSession session, byte[][] argv) {
        if (argv.length == 2) return Reply.array(bulks(AclCategories.NAMES));
        if (argv.length > 3) return GatewayErrors.subcommandSyntax(argv);
        int category = AclCategories.index(Latin1.text(argv[2]));
        if (category < 0) {
            return GatewayErrors.error("ERR Unknown category '" + truncated(Latin1.text(argv[2])) + "'");
        }
        return Reply.array(bulks(store.users().commandsIn(category)));
    }

    private static String truncated(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    Reply log(ClientSession session, byte[][] argv) {
        if (argv.length > 3) return GatewayErrors.subcommandSyntax(argv);
        long count = 10;
        if (argv.length == 3) {
            if (Args.is(argv[2], "reset")) {
                log.reset();
                return Reply.OK;
            }
            OptionalLong n = Args.intValue(argv[2]);
            if (n.isEmpty()) return Errors.NOT_INTEGER;
            count = Math.max(0, n.getAsLong());
        }
        return log.show(count);
    }

    /** Whether the user could run the command, as a bulk string saying why not, without running it. */
    Reply dryRun(ClientSession session, byte[][] argv) {
        AclUsers users = store.users();
        AclUser u = users.get(Latin1.text(argv[2]));
        if (u == null) return GatewayErrors.error("ERR User '" + Latin1.text(argv[2]) + "' not found");
        byte[][] command = Arrays.copyOfRange(argv, 3, argv.length);
        CommandCatalog.Resolution resolved = catalog.resolve(command);
        CommandSpec spec = resolved.spec();
        if (spec == null) return GatewayErrors.error("ERR Command '" + Latin1.text(argv[3]) + "' not found");
        if (!spec.arityMatches(command.length)) return Errors.wrongArity(spec.fullName());
        Denial denial = u.check(spec, command);
        if (denial == null) return Reply.OK;
        return Reply.bulk(Latin1.bytes(switch (denial.reason()) {
            case KEY -> "This user has no permissions to access the '" + Latin1.text(command[denial.position()]) + "' key";
            case CHANNEL -> "This user has no permissions to access the '" + Latin1.text(command[denial.position()])
                    + "' channel";
            default -> "This user has no permissions to run the '" + spec.fullName() + "' command";
        }));
    }

    Reply genPass(ClientSession session, byte[][] argv) {
        if (argv.length > 3) return GatewayErrors.subcommandSyntax(argv);
        long bits = 256;
        if (argv.length == 3) {
            OptionalLong n = Args.intValue(argv[2]);
            if (n.isEmpty()) return Errors.NOT_INTEGER;
            bits = n.getAsLong();
        }
        if (bits <= 0 || bits > GENPASS_MAX_BITS) {
            return Reply.error("ERR ACL GENPASS argument must be the number of bits for the output password, "
                    + "a positive number up to " + GENPASS_MAX_BITS);
        }
        int chars = (int) ((bits + 3) / 4);
        byte[] bytes = new byte[(chars + 1) / 2];
        random.nextBytes(bytes);
        return Reply.bulk(HexFormat.of().formatHex(bytes).substring(0, chars));
    }

    private static Reply help() {
        List<Reply> lines = new ArrayList<>();
        lines.add(new Reply.Simple("ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
        HELP.forEach(l -> lines.add(new Reply.Simple(l)));
        lines.add(new Reply.Simple("HELP"));
        lines.add(new Reply.Simple("    Prints this help."));
        return Reply.array(lines);
    }
}

package io.memstone.gateway;

import io.memstone.acl.AclUser;
import io.memstone.acl.AclUsers;
import io.memstone.acl.Denial;
import io.memstone.acl.Latin1;
import io.memstone.command.CommandSpec;
import io.memstone.engine.Reply;

/**
 * Whether a connection may run a command, in Redis' order (processCommand): authentication
 * first (NOAUTH), then the user's permissions on the command, its keys and its channels
 * (NOPERM, recorded in the ACL LOG). The user is looked up for every command, so a changed
 * permission applies to the next one.
 */
final class AclGate {
    static final Reply NOAUTH = Reply.error("NOAUTH Authentication required.");

    private final AclStore store;
    private final AclLog log;

    AclGate(AclStore store, AclLog log) {
        this.store = store;
        this.log = log;
    }

    /** Redis' createClient: a new connection is authenticated when the default user needs no password. */
    void opened(ClientSession session) {
        AclUser d = store.users().get(AclUser.DEFAULT);
        session.authenticated = d.nopass() && d.enabled();
    }

    /** The refusal to answer instead of running the command, or null when it may run. */
    Reply refusal(ClientSession session, CommandSpec spec, byte[][] argv) {
        AclUsers users = store.users();
        AclUser user = users.get(session.user);
        if (user == null || authRequired(session, users)) {
            if (!spec.flags().contains("NO_AUTH")) return NOAUTH;
            if (user == null) return null;
        }
        Denial denial = user.check(spec, argv);
        if (denial == null) return null;
        logged(session, user, spec, argv, denial, session.transaction != null ? "multi" : "toplevel");
        return switch (denial.reason()) {
            case KEY -> Reply.error("NOPERM this user has no permissions to access one of the keys used as arguments");
            case CHANNEL -> Reply.error(
                    "NOPERM this user has no permissions to access one of the channels used as arguments");
            default -> Reply.error("NOPERM this user has no permissions to run the '" + spec.fullName() + "' command");
        };
    }

    /**
     * Redis' execCommand check: the reply that replaces a queued command the user may no longer
     * run (its permissions changed after MULTI), or null when it still may.
     */
    Reply revoked(ClientSession session, CommandSpec spec, byte[][] argv) {
        AclUser user = store.users().get(session.user);
        Denial denial = user == null ? new Denial(Denial.Reason.COMMAND, 0) : user.check(spec, argv);
        if (denial == null) return null;
        if (user != null) logged(session, user, spec, argv, denial, "multi");
        String reason = switch (denial.reason()) {
            case KEY -> "no permission to touch the specified keys";
            case CHANNEL -> "no permission to access one of the channels used as arguments";
            default -> "no permission to execute the command or subcommand";
        };
        return Reply.error("NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC "
                + "call. This command is no longer allowed for the following reason: " + reason);
    }

    private void logged(ClientSession session, AclUser user, CommandSpec spec, byte[][] argv, Denial denial, String context) {
        byte[] object = denial.reason() == Denial.Reason.COMMAND ? Latin1.bytes(spec.fullName()) : argv[denial.position()];
        log.add(denial.reason(), context, object, Latin1.bytes(user.name()), session);
    }

    /** Redis' authRequired: the default user needs a password (or is off) and the connection has not authenticated. */
    private static boolean authRequired(ClientSession session, AclUsers users) {
        AclUser d = users.get(AclUser.DEFAULT);
        return (!d.nopass() || !d.enabled()) && !session.authenticated;
    }
}

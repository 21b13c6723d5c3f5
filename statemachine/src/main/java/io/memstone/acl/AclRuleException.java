package io.memstone.acl;

/** A rule ACL SETUSER refuses; the message is Redis' wording, without the {@code ERR} prefix. */
public final class AclRuleException extends Exception {
    /** Redis' reasons for refusing one rule (ACLSetUserStringError). */
    static final String UNKNOWN_COMMAND = "Unknown command or category name in ACL";
    static final String SYNTAX = "Syntax error";
    static final String KEY_AFTER_ALLKEYS = "Adding a pattern after the * pattern (or the 'allkeys' flag) is not "
            + "valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns";
    static final String CHANNEL_AFTER_ALLCHANNELS = "Adding a pattern after the * pattern (or the 'allchannels' "
            + "flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of "
            + "channels";
    static final String NO_SUCH_PASSWORD = "The password you are trying to remove from the user does not exist";
    static final String BAD_HASH = "The password hash must be exactly 64 characters and contain only lowercase "
            + "hexadecimal characters";
    static final String FIRST_ARG_OF_SUBCOMMAND = "Allowing first-arg of a subcommand is not supported";

    public AclRuleException(String message) {
        super(message, null, false, false);
    }
}

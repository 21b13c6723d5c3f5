package io.memstone.engine;

/**
 * Ends a command with an error reply. Thrown by the shared argument and type checks (like
 * Redis' {@code getLongLongFromObjectOrReply} returning C_ERR) so a command's body reads
 * straight through; {@link Engine} turns it into the reply. Commands check before they write,
 * as in Redis, so nothing is half-applied.
 */
final class CommandError extends RuntimeException {
    final Reply reply;

    CommandError(Reply reply) {
        super(null, null, false, false);
        this.reply = reply;
    }
}

package io.memstone.gateway;

import io.memstone.engine.Reply;

/**
 * What other parts of the gateway may do to a client's connection from any thread: send it a
 * message of their own (MONITOR's lines), or close it (CLIENT KILL, the idle timeout).
 */
interface ClientChannel {

    /** Sends {@code message} after the replies the connection already owes. */
    void push(Reply message);

    void close();
}

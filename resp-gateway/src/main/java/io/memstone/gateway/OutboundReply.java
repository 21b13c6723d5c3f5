package io.memstone.gateway;

import io.memstone.engine.Reply;

/** A reply and the RESP version the connection spoke when it received the command. */
record OutboundReply(Reply reply, int protocol) {}

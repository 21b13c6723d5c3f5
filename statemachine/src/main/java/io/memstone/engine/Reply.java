package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A reply in Redis' data model. The engine and the gateway build these; {@link RespWriter}
 * encodes them as RESP2 or RESP3 for a connection, and {@link ReplyCodec} carries them between
 * nodes.
 */
public sealed interface Reply {

    Reply OK = new Simple("OK");
    Reply PONG = new Simple("PONG");
    Reply NULL = new NullBulk();
    Reply NULL_ARRAY = new NullArray();
    Reply ZERO = new Int(0);
    Reply ONE = new Int(1);
    Reply EMPTY_ARRAY = new Array(List.of());

    /** {@code +OK}: a status line. */
    record Simple(String text) implements Reply {}

    /** {@code -ERR ...}: the text starts with the error code (ERR, WRONGTYPE, ...). */
    record Error(String text) implements Reply {}

    record Int(long value) implements Reply {}

    record Bulk(byte[] value) implements Reply {}

    /** RESP2 {@code $-1}; RESP3 {@code _}. */
    record NullBulk() implements Reply {}

    /** RESP2 {@code *-1}; RESP3 {@code _}. */
    record NullArray() implements Reply {}

    record Array(List<Reply> items) implements Reply {}

    /**
     * Member/score (or field/value) pairs: a flat array in RESP2, an array of two-element
     * arrays in RESP3 (ZRANGE WITHSCORES, HRANDFIELD WITHVALUES and the like). Items alternate member and score.
     */
    record PairArray(List<Reply> flat) implements Reply {}

    /** RESP3 map; a flat array of key, value, ... in RESP2. Entries alternate key and value. */
    record MapReply(List<Reply> keysAndValues) implements Reply {}

    /**
     * RESP3 map; in RESP2 an array of two-element [key, value] arrays (XREAD, XREADGROUP).
     * Entries alternate key and value.
     */
    record KeyedArrays(List<Reply> keysAndValues) implements Reply {}

    /** RESP3 set; an array in RESP2. */
    record SetReply(List<Reply> items) implements Reply {}

    /** RESP3 double; a bulk string in RESP2. The text is already in Redis' formatting. */
    record DoubleReply(String text) implements Reply {}

    /** RESP3 boolean; an integer 1/0 in RESP2. */
    record Bool(boolean value) implements Reply {}

    /** RESP3 verbatim string ({@code txt}); a bulk string in RESP2. */
    record Verbatim(String format, byte[] value) implements Reply {}

    /**
     * RESP3 out-of-band push ({@code >}): a Pub/Sub message or confirmation; an array in RESP2.
     * Only the gateway sends these, never the engine.
     */
    record Push(List<Reply> items) implements Reply {}

    /** Several replies to one command, written back to back: SUBSCRIBE a b confirms each channel. */
    record Sequence(List<Reply> replies) implements Reply {}

    static Reply bulk(String s) {
        return new Bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    static Reply bulk(byte[] b) {
        return b == null ? NULL : new Bulk(b);
    }

    static Reply integer(long v) {
        return v == 0 ? ZERO : v == 1 ? ONE : new Int(v);
    }

    static Reply error(String text) {
        return new Error(text);
    }

    static Reply array(List<Reply> items) {
        return new Array(items);
    }

    default boolean isError() {
        return this instanceof Error;
    }
}

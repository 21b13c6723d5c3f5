package io.memstone.engine;

import io.memstone.rdb.Listpack;
import java.nio.charset.StandardCharsets;

/**
 * Bytes an element takes in a Redis 7.0 listpack, as {@link Listpack} encodes it, so that
 * structures emulating Redis' node sizes close their nodes where Redis does.
 */
final class ListpackSize {
    private ListpackSize() {}

    static long integer(long v) {
        return Listpack.encodedSize(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    /** A string that reads as an integer is stored as one. */
    static long string(byte[] s) {
        return Listpack.encodedSize(s);
    }
}

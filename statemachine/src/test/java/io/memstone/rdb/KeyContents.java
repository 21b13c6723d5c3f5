package io.memstone.rdb;

import io.memstone.testing.RawRespClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A key's type and contents in one printed form, whether read from a server over RESP (TYPE,
 * GET, LRANGE, SMEMBERS, HGETALL, ZRANGE WITHSCORES) or from a decoded {@link RdbValue}: lists
 * in order, the other collections as sorted members or pairs, scores as Java prints doubles.
 * Tests compare Redis, Memstone and RDB files with it. Text is ISO-8859-1, so bytes survive.
 */
public final class KeyContents {
    private KeyContents() {}

    /** The value at {@code key} as the server reports it; empty if the key does not exist. */
    public static List<String> of(RawRespClient c, byte[] key) {
        String type = Resp.text(c.call(cmd("type"), key)).trim().substring(1);
        List<String> out = new ArrayList<>(List.of(type));
        switch (type) {
            case "none": return List.of();
            case "string": out.add(Resp.text(Resp.bulk(c.call(cmd("get"), key)))); break;
            case "list": out.addAll(printed(Resp.bulks(c.call(cmd("lrange"), key, cmd("0"), cmd("-1"))), 1, false)); break;
            case "set": out.addAll(printed(Resp.bulks(c.call(cmd("smembers"), key)), 1, true)); break;
            case "hash": out.addAll(printed(Resp.bulks(c.call(cmd("hgetall"), key)), 2, true)); break;
            case "zset": {
                List<byte[]> flat = Resp.bulks(c.call(cmd("zrange"), key, cmd("0"), cmd("-1"), cmd("withscores")));
                for (int i = 1; i < flat.size(); i += 2) flat.set(i, cmd(Double.toString(RdbInput.parseDouble(flat.get(i)))));
                out.addAll(printed(flat, 2, true));
                break;
            }
            default: throw new AssertionError("type " + type);
        }
        return out;
    }

    /** A decoded value printed like {@link #of(RawRespClient, byte[])}. */
    public static List<String> of(RdbValue v) {
        List<String> out = new ArrayList<>();
        if (v instanceof RdbValue.RdbString s) {
            out.add("string");
            out.add(Resp.text(s.bytes()));
        } else if (v instanceof RdbValue.RdbList l) {
            out.add("list");
            out.addAll(printed(l.elements(), 1, false));
        } else if (v instanceof RdbValue.RdbSet s) {
            out.add("set");
            out.addAll(printed(s.members(), 1, true));
        } else if (v instanceof RdbValue.RdbHash h) {
            List<byte[]> flat = new ArrayList<>();
            for (RdbValue.FieldValue e : h.entries()) {
                flat.add(e.field());
                flat.add(e.value());
            }
            out.add("hash");
            out.addAll(printed(flat, 2, true));
        } else {
            List<byte[]> flat = new ArrayList<>();
            for (RdbValue.ScoredMember e : ((RdbValue.RdbZSet) v).entries()) {
                flat.add(e.member());
                flat.add(cmd(Double.toString(e.score())));
            }
            out.add("zset");
            out.addAll(printed(flat, 2, true));
        }
        return out;
    }

    /** Every key of the server's current database with its contents, by key (KEYS *: tests only). */
    public static Map<String, List<String>> all(RawRespClient c) {
        Map<String, List<String>> out = new TreeMap<>();
        for (byte[] key : Resp.bulks(c.call(cmd("keys"), cmd("*")))) out.put(Resp.text(key), of(c, key));
        return out;
    }

    /** PEXPIRETIME of every key that has one: Unix ms. */
    public static Map<String, Long> expiries(RawRespClient c) {
        Map<String, Long> out = new TreeMap<>();
        for (byte[] key : Resp.bulks(c.call(cmd("keys"), cmd("*")))) {
            long at = Long.parseLong(Resp.text(c.call(cmd("pexpiretime"), key)).substring(1).trim());
            if (at >= 0) out.put(Resp.text(key), at);
        }
        return out;
    }

    private static byte[] cmd(String s) {
        return PackedBuilders.bytes(s);
    }

    private static List<String> printed(List<byte[]> flat, int group, boolean sort) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += group) {
            StringBuilder b = new StringBuilder();
            for (int j = i; j < i + group; j++) b.append(Resp.text(flat.get(j))).append('\0');
            out.add(b.toString());
        }
        if (sort) Collections.sort(out);
        return out;
    }
}

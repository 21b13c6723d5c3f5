package io.memstone.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the packed layouts redis-server 7.0 no longer writes but still loads (ziplist,
 * zipmap), and intsets, the way older Redis wrote them: the tests feed them to both decoders.
 */
final class PackedBuilders {
    private PackedBuilders() {}

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A ziplist; canonical integers use the narrowest integer encoding, as ziplistPush does. */
    static byte[] ziplist(List<byte[]> entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int previous = 0;
        int tail = 10;
        for (byte[] e : entries) {
            int start = body.size();
            tail = 10 + start;
            if (previous < 254) {
                body.write(previous);
            } else {
                body.write(0xfe);
                little(body, previous, 4);
            }
            Long v = Decimal.canonicalInteger(e);
            if (v != null) {
                integer(body, v);
            } else if (e.length < 64) {
                body.write(e.length);
                body.writeBytes(e);
            } else if (e.length < 16384) {
                body.write(0x40 | (e.length >> 8));
                body.write(e.length);
                body.writeBytes(e);
            } else {
                body.write(0x80);
                for (int i = 3; i >= 0; i--) body.write(e.length >>> (8 * i));
                body.writeBytes(e);
            }
            previous = body.size() - start;
        }
        ByteArrayOutputStream zl = new ByteArrayOutputStream();
        little(zl, 10 + body.size() + 1, 4);
        little(zl, tail, 4);
        little(zl, Math.min(entries.size(), 65535), 2);
        zl.writeBytes(body.toByteArray());
        zl.write(0xff);
        return zl.toByteArray();
    }

    private static void integer(ByteArrayOutputStream out, long v) {
        if (v >= 0 && v <= 12) {
            out.write(0xf1 + (int) v);
        } else if (v == (byte) v) {
            out.write(0xfe);
            little(out, v, 1);
        } else if (v == (short) v) {
            out.write(0xc0);
            little(out, v, 2);
        } else if (v >= -(1 << 23) && v < 1 << 23) {
            out.write(0xf0);
            little(out, v, 3);
        } else if (v == (int) v) {
            out.write(0xd0);
            little(out, v, 4);
        } else {
            out.write(0xe0);
            little(out, v, 8);
        }
    }

    /** A zipmap of fields and values alternating, each value followed by {@code free} spare bytes. */
    static byte[] zipmap(List<byte[]> fieldsAndValues, int free) {
        ByteArrayOutputStream zm = new ByteArrayOutputStream();
        zm.write(Math.min(fieldsAndValues.size() / 2, 254));
        for (int i = 0; i < fieldsAndValues.size(); i += 2) {
            zipmapLength(zm, fieldsAndValues.get(i).length);
            zm.writeBytes(fieldsAndValues.get(i));
            zipmapLength(zm, fieldsAndValues.get(i + 1).length);
            zm.write(free);
            zm.writeBytes(fieldsAndValues.get(i + 1));
            zm.writeBytes(new byte[free]);
        }
        zm.write(0xff);
        return zm.toByteArray();
    }

    private static void zipmapLength(ByteArrayOutputStream out, int n) {
        if (n < 254) {
            out.write(n);
        } else {
            out.write(254);
            little(out, n, 4);
        }
    }

    static byte[] intset(int width, long... ascending) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        little(out, width, 4);
        little(out, ascending.length, 4);
        for (long v : ascending) little(out, v, width);
        return out.toByteArray();
    }

    /** A type byte and a length-prefixed blob: how every packed RDB type is stored. */
    static byte[] blobObject(int type, byte[] blob) {
        RdbOutput out = new RdbOutput();
        out.writeByte(type);
        out.writeLength(blob.length);
        out.writeBytes(blob);
        return out.toByteArray();
    }

    static void little(ByteArrayOutputStream out, long v, int n) {
        for (int i = 0; i < n; i++) out.write((int) (v >>> (8 * i)));
    }
}

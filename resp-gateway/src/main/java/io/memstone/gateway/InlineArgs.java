package io.memstone.gateway;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into arguments the way Redis does (sds.c sdssplitargs):
 * blanks separate words; "double quotes" understand \n \r \t \b \a and \xHH escapes;
 * 'single quotes' only \'; a closing quote must be followed by a blank or the end.
 */
final class InlineArgs {
    private InlineArgs() {}

    /** The arguments, or null when the quotes are unbalanced. The line holds no NUL or '\n'. */
    static byte[][] split(byte[] line) {
        List<byte[]> args = new ArrayList<>();
        int p = 0;
        int n = line.length;
        while (true) {
            while (p < n && isSpace(line[p])) p++;
            if (p == n) return args.toArray(new byte[0][]);
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            int quote = 0;
            boolean done = false;
            while (!done) {
                int c = p < n ? line[p] : 0;
                int next = p + 1 < n ? line[p + 1] : 0;
                if (quote == '"' && c == '\\' && next == 'x' && p + 3 < n && isHex(line[p + 2]) && isHex(line[p + 3])) {
                    current.write(Character.digit(line[p + 2], 16) * 16 + Character.digit(line[p + 3], 16));
                    p += 3;
                } else if (quote == '"' && c == '\\' && next != 0) {
                    p++;
                    current.write(unescape(next));
                } else if (quote == '\'' && c == '\\' && next == '\'') {
                    p++;
                    current.write('\'');
                } else if (quote != 0 && c == quote) {
                    // A closing quote must be followed by a blank or the end of the line.
                    if (next != 0 && !isSpace((byte) next)) return null;
                    done = true;
                } else if (quote != 0 && c == 0) {
                    return null;
                } else if (quote != 0) {
                    current.write(c);
                } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0) {
                    done = true;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else {
                    current.write(c);
                }
                if (p < n) p++;
            }
            args.add(current.toByteArray());
        }
    }

    private static int unescape(int c) {
        switch (c) {
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'b': return '\b';
            case 'a': return 7;
            default: return c;
        }
    }

    /** C isspace in the C locale. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static boolean isHex(byte c) {
        return Character.digit(c, 16) >= 0;
    }
}

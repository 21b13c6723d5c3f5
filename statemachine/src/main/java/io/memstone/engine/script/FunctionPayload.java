package io.memstone.engine.script;

import io.memstone.rdb.DumpPayload;
import io.memstone.rdb.RdbFileReader;
import io.memstone.rdb.RdbFormatException;
import io.memstone.rdb.RdbInput;
import io.memstone.rdb.RdbOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * FUNCTION DUMP's payload as redis-server 7.0 writes it (rdbSaveFunctions): per library the
 * RDB_OPCODE_FUNCTION2 byte and its whole code as an RDB string, then DUMP's footer (RDB
 * version, CRC-64). So Redis' payloads restore here and Memstone's in Redis.
 */
final class FunctionPayload {
    private static final int FOOTER = 10;

    /** Thrown with the message (without its ERR code) of a payload Redis refuses. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private FunctionPayload() {}

    static byte[] write(List<byte[]> codes) {
        RdbOutput out = new RdbOutput();
        for (byte[] code : codes) {
            out.writeByte(RdbFileReader.OPCODE_FUNCTION2);
            out.writeString(code);
        }
        return DumpPayload.frame(out.toByteArray());
    }

    /** The libraries' codes, in payload order. */
    static List<byte[]> read(byte[] payload) throws Refused {
        if (!DumpPayload.verify(payload)) throw new Refused("DUMP payload version or checksum are wrong");
        RdbInput in = new RdbInput(payload, 0, payload.length);
        List<byte[]> codes = new ArrayList<>();
        while (in.remaining() > FOOTER) {
            int type = in.readByte();
            if (type == RdbFileReader.OPCODE_FUNCTION_PRE_GA) throw new Refused("Pre-GA function format not supported");
            if (type != RdbFileReader.OPCODE_FUNCTION2) throw new Refused("given type is not a function");
            try {
                codes.add(in.readString());
            } catch (RdbFormatException e) {
                throw new Refused("failed loading the given functions payload");
            }
        }
        return codes;
    }
}

package io.memstone.raft;

import com.google.protobuf.CodedInputStream;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Protobuf input whose parsed byte fields share the bytes they were parsed from instead of
 * copying them: log entries and replies are read once and never changed.
 */
final class AliasingInput {
    private AliasingInput() {}

    static CodedInputStream of(ByteString bytes) {
        CodedInputStream in = CodedInputStream.newInstance(bytes.asReadOnlyByteBuffer());
        in.enableAliasing(true);
        return in;
    }

    static CodedInputStream of(byte[] bytes) {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.enableAliasing(true);
        return in;
    }
}

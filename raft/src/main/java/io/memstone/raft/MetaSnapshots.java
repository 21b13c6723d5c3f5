package io.memstone.raft;

import com.google.protobuf.ByteString;
import io.memstone.acl.AclRuleException;
import io.memstone.acl.AclUser;
import io.memstone.acl.AclUsers;
import io.memstone.acl.Latin1;
import io.memstone.proto.meta.AclSetUser;
import io.memstone.proto.meta.MetaSnapshot;
import io.memstone.proto.meta.Parameters;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The meta group's snapshot files: its state (shape, parameters set, ACL users) as one
 * {@link MetaSnapshot}, fsynced and put in place as shard snapshots are
 * ({@link SnapshotFiles#putInPlace}), so that Ratis can purge the group's log and send the file to a
 * member that lacks the purged entries.
 */
final class MetaSnapshots {
    private MetaSnapshots() {}

    /** The state to write; {@code shape} null before the bootstrap. */
    record State(ClusterShape shape, ClusterParameters parameters, AclUsers users) {}

    static SingleFileSnapshotInfo write(SimpleStateMachineStorage storage, TermIndex applied, State state) throws IOException {
        File file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
        Path tmp = file.toPath().resolveSibling(file.getName() + ".writing");
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            encode(state).writeTo(out);
            out.getChannel().force(true);
        }
        MD5Hash md5 = MD5FileUtil.computeMd5ForFile(tmp.toFile());
        SnapshotFiles.putInPlace(tmp, file, md5);
        return new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), applied);
    }

    /** The state in the storage's newest snapshot; null when it has none. */
    static State readLatest(SimpleStateMachineStorage storage) throws IOException {
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        if (latest == null) return null;
        MetaSnapshot snapshot;
        try (InputStream in = Files.newInputStream(latest.getFile().getPath())) {
            snapshot = MetaSnapshot.parseFrom(in);
        }
        return decode(snapshot);
    }

    static MetaSnapshot encode(State state) {
        MetaSnapshot.Builder b = MetaSnapshot.newBuilder()
                .setParameters(Parameters.newBuilder().putAllValues(state.parameters().set()))
                .setParametersVersion(state.parameters().version());
        if (state.shape() != null) b.setShape(state.shape().map());
        for (AclUser u : state.users().all()) {
            AclSetUser.Builder user = AclSetUser.newBuilder().setName(ByteString.copyFrom(Latin1.bytes(u.name())))
                    .addRules(ByteString.copyFrom(Latin1.bytes("reset")));
            for (String rule : rules(u.describe())) user.addRules(ByteString.copyFrom(Latin1.bytes(rule)));
            b.addUsers(user);
        }
        return b.build();
    }

    static State decode(MetaSnapshot snapshot) throws IOException {
        ClusterShape shape = snapshot.hasShape() ? new ClusterShape(snapshot.getShape()) : null;
        AclUsers users = AclUsers.initial();
        ClusterParameters parameters;
        try {
            parameters = ClusterParameters.DEFAULT.with(snapshot.getParameters().getValuesMap()).at(snapshot.getParametersVersion());
            for (AclSetUser u : snapshot.getUsersList()) {
                users = users.setUser(Latin1.text(u.getName().toByteArray()),
                        u.getRulesList().stream().map(r -> Latin1.text(r.toByteArray())).toList());
            }
        } catch (AclRuleException | IllegalArgumentException e) {
            throw new IOException("the meta snapshot does not load: " + e.getMessage(), e);
        }
        return new State(shape, parameters, users);
    }

    /** ACL LIST's description split into rules: by spaces, a selector in parentheses whole. */
    static List<String> rules(String description) {
        List<String> rules = new ArrayList<>();
        int depth = 0;
        StringBuilder rule = new StringBuilder();
        for (char c : description.toCharArray()) {
            if (c == ' ' && depth == 0) {
                if (!rule.isEmpty()) rules.add(rule.toString());
                rule.setLength(0);
                continue;
            }
            if (c == '(') depth++;
            if (c == ')') depth--;
            rule.append(c);
        }
        if (!rule.isEmpty()) rules.add(rule.toString());
        return rules;
    }
}

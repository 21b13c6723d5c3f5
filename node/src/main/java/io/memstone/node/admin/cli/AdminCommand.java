package io.memstone.node.admin.cli;

import io.memstone.proto.admin.AddNodeRequest;
import io.memstone.proto.admin.AddShardRequest;
import io.memstone.proto.admin.CreateSnapshotRequest;
import io.memstone.proto.admin.DescribeClusterReply;
import io.memstone.proto.admin.DescribeClusterRequest;
import io.memstone.proto.admin.FailoverRequest;
import io.memstone.proto.admin.GetParametersRequest;
import io.memstone.proto.admin.ListSnapshotsReply;
import io.memstone.proto.admin.ListSnapshotsRequest;
import io.memstone.proto.admin.MoveSlotsRequest;
import io.memstone.proto.admin.ParametersReply;
import io.memstone.proto.admin.RemoveNodeRequest;
import io.memstone.proto.admin.RemoveShardRequest;
import io.memstone.proto.admin.ReplaceNodeRequest;
import io.memstone.proto.admin.RestoreRequest;
import io.memstone.proto.admin.SetParametersRequest;
import io.memstone.proto.admin.SlotRangeSpec;
import io.memstone.proto.admin.SnapshotFile;
import io.memstone.proto.admin.TransferLeadershipReply;
import io.memstone.proto.admin.TransferLeadershipRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memstone admin ...}: the operator's commands over a node's admin service, one method each. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Inspect and operate a cluster through any node's admin service.",
        subcommands = {AdminCommand.Params.class, UsersCommand.class},
        footerHeading = "%nExit status:%n",
        footer = {"  0  done", "  1  the cluster refused or failed the operation",
                "  2  bad command line or argument (unknown shard, parameter value...)",
                "  3  the node cannot be reached, or refused the token"})
public final class AdminCommand {

    @Command(name = "describe", description = "Nodes (zone, addresses, reachable, roles) and shards (slots, leader, members' indexes and lag).")
    int describe(@Mixin AdminConnection c) {
        return c.run(admin -> {
            DescribeClusterReply d = admin.describeCluster(DescribeClusterRequest.getDefaultInstance());
            if (!c.printJson(d)) DescribeView.print(d, c.out());
            return 0;
        });
    }

    @Command(name = "add-node", description = "Add a started node: it joins the meta group, and the given shards as a replica.")
    int addNode(@Mixin AdminConnection c,
                @Option(names = "--address", required = true, description = "The new node's admin address, host:port.") String address,
                @Option(names = "--shard", description = "A shard it joins as a replica (repeatable).") List<String> shards) {
        return c.run(admin -> c.follow(admin.addNode(AddNodeRequest.newBuilder().setAddress(address)
                .addAllShards(shards == null ? List.of() : shards).build())));
    }

    @Command(name = "remove-node", description = "Remove a node from every shard and from the meta group.")
    int removeNode(@Mixin AdminConnection c, @Parameters(paramLabel = "NODE", description = "The node's id.") String node) {
        return c.run(admin -> c.follow(admin.removeNode(RemoveNodeRequest.newBuilder().setNodeId(node).build())));
    }

    @Command(name = "replace-node", description = "A started node takes another's place in every group it is in.")
    int replaceNode(@Mixin AdminConnection c, @Parameters(paramLabel = "NODE", description = "The node to replace.") String node,
                    @Option(names = "--by", required = true, description = "The new node's admin address, host:port.") String address) {
        return c.run(admin -> c.follow(admin.replaceNode(ReplaceNodeRequest.newBuilder().setNodeId(node).setAddress(address).build())));
    }

    /** Where leadership goes: exactly one of a node or a zone. */
    static final class Target {
        @Option(names = "--to-node", required = true, description = "A member of the shard.") String node;
        @Option(names = "--to-zone", required = true, description = "A zone one of the shard's members is in.") String zone;
    }

    @Command(name = "transfer-leader", description = "Move a shard's leadership to a node or a zone; it stays there.")
    int transferLeader(@Mixin AdminConnection c, @Option(names = "--shard", required = true, paramLabel = "SHARD") String shard,
                       @ArgGroup(multiplicity = "1") Target target) {
        TransferLeadershipRequest.Builder request = TransferLeadershipRequest.newBuilder().setShard(shard);
        if (target.node != null) request.setNodeId(target.node);
        else request.setZone(target.zone);
        return c.run(admin -> printTransfer(c, admin.transferLeadership(request.build())));
    }

    @Command(name = "failover", description = "Move a shard's leadership to its most up-to-date other member, in another zone if it can.")
    int failover(@Mixin AdminConnection c, @Option(names = "--shard", required = true, paramLabel = "SHARD") String shard) {
        return c.run(admin -> printTransfer(c, admin.failover(FailoverRequest.newBuilder().setShard(shard).build())));
    }

    private static int printTransfer(AdminConnection c, TransferLeadershipReply r) throws com.google.protobuf.InvalidProtocolBufferException {
        if (!c.printJson(r)) {
            c.out().printf("%s: leader %s -> %s (%s)%n", r.getShard(), r.getPreviousLeader().isEmpty() ? "none" : r.getPreviousLeader(),
                    r.getLeader(), r.getZone());
        }
        return 0;
    }

    @Command(name = "snapshot", description = "Snapshot every member of one shard, or of all; waits until the files are written.")
    int snapshot(@Mixin AdminConnection c, @Option(names = "--shard", paramLabel = "SHARD", description = "Only this shard.") String shard) {
        return c.run(admin -> c.follow(admin.createSnapshot(CreateSnapshotRequest.newBuilder()
                .setShard(shard == null ? "" : shard).build())));
    }

    @Command(name = "snapshots", description = "Every node's snapshot files: group, term, index, size, time, path.")
    int snapshots(@Mixin AdminConnection c) {
        return c.run(admin -> {
            ListSnapshotsReply r = admin.listSnapshots(ListSnapshotsRequest.getDefaultInstance());
            if (c.printJson(r)) return 0;
            TextTable t = new TextTable("NODE", "GROUP", "TERM", "INDEX", "BYTES", "WRITTEN", "PATH");
            for (SnapshotFile f : r.getSnapshotsList()) {
                t.row(f.getNodeId(), f.getGroup(), f.getTerm(), f.getIndex(), f.getSizeBytes(),
                        Instant.ofEpochMilli(f.getModifiedMs()).toString(), f.getPath());
            }
            t.print(c.out());
            r.getUnreachableMap().forEach((node, why) -> c.out().println(node + ": unreachable (" + why + ")"));
            return 0;
        });
    }

    @Command(name = "restore", description = "Write the keys of a snapshot set (on the serving node's disk) into the cluster.")
    int restore(@Mixin AdminConnection c,
                @Option(names = "--dir", required = true, description = "Directory holding the snapshot files (one per shard).") String dir,
                @Option(names = "--replace", description = "Overwrite keys that exist.") boolean replace) {
        return c.run(admin -> c.follow(admin.restore(RestoreRequest.newBuilder().setDirectory(dir).setReplace(replace).build())));
    }

    @Command(name = "move-slots", description = "Move slot ranges (served by one shard) to another shard while clients keep going.")
    int moveSlots(@Mixin AdminConnection c,
                  @Option(names = "--slots", required = true, split = ",", converter = SlotRangeConverter.class,
                          paramLabel = "FIRST-LAST", description = "The slots, e.g. 100-200,300-310 (a range may be one slot).") List<SlotRangeSpec> slots,
                  @Option(names = "--to", required = true, paramLabel = "SHARD", description = "The shard that takes them.") String to) {
        return c.run(admin -> c.follow(admin.moveSlots(MoveSlotsRequest.newBuilder().addAllRanges(slots).setToShard(to).build())));
    }

    @Command(name = "add-shard", description = "Add a shard on the least loaded nodes and move an equal share of the slots to it.")
    int addShard(@Mixin AdminConnection c) {
        return c.run(admin -> c.follow(admin.addShard(AddShardRequest.getDefaultInstance())));
    }

    @Command(name = "remove-shard", description = "Move a shard's slots to the other shards, then delete it.")
    int removeShard(@Mixin AdminConnection c, @Parameters(paramLabel = "SHARD", description = "The shard's name.") String shard) {
        return c.run(admin -> c.follow(admin.removeShard(RemoveShardRequest.newBuilder().setShard(shard).build())));
    }

    /** {@code memstone admin params get|set}: the cluster's replicated parameters. */
    @Command(name = "params", mixinStandardHelpOptions = true, description = "Get or set the cluster's replicated parameters.")
    static final class Params {
        @Command(name = "get", description = "Every parameter, or the named ones.")
        int get(@Mixin AdminConnection c, @Parameters(paramLabel = "NAME", arity = "0..*") List<String> names) {
            return c.run(admin -> print(c, admin.getParameters(GetParametersRequest.getDefaultInstance()), names));
        }

        @Command(name = "set", description = "Set parameters cluster-wide: NAME=VALUE ...")
        int set(@Mixin AdminConnection c, @Parameters(paramLabel = "NAME=VALUE", arity = "1..*") Map<String, String> values) {
            return c.run(admin -> print(c, admin.setParameters(SetParametersRequest.newBuilder().putAllParameters(values).build()),
                    List.copyOf(values.keySet())));
        }

        private static int print(AdminConnection c, ParametersReply r, List<String> names) throws com.google.protobuf.InvalidProtocolBufferException {
            List<String> unknown = names == null ? List.of() : names.stream().filter(n -> !r.containsParameters(n)).toList();
            if (!unknown.isEmpty()) {
                c.err().println("memstone admin: unknown parameter " + String.join(", ", unknown) + "; known: " + r.getParametersMap().keySet());
                return AdminConnection.USAGE;
            }
            ParametersReply shown = names == null || names.isEmpty() ? r : ParametersReply.newBuilder()
                    .putAllParameters(r.getParametersMap().entrySet().stream().filter(e -> names.contains(e.getKey()))
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).build();
            if (c.printJson(shown)) return 0;
            TextTable t = new TextTable("PARAMETER", "VALUE");
            new java.util.TreeMap<>(shown.getParametersMap()).forEach(t::row);
            t.print(c.out());
            return 0;
        }
    }
}

package io.memstone.node.pubsub;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.memstone.gateway.PubSubQuery;
import io.memstone.gateway.Subscriptions;
import io.memstone.proto.pubsub.CensusReply;
import io.memstone.proto.pubsub.CensusRequest;
import io.memstone.proto.pubsub.DeliverReply;
import io.memstone.proto.pubsub.DeliverRequest;
import io.memstone.proto.pubsub.PubSubBusGrpc;

/** What other nodes' {@link ClusterPubSubBus} call: delivery to, and questions about, this gateway's subscribers. */
public final class PubSubBusService extends PubSubBusGrpc.PubSubBusImplBase {
    private final Subscriptions subscriptions;

    public PubSubBusService(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void deliver(DeliverRequest request, StreamObserver<DeliverReply> reply) {
        long receivers = subscriptions.deliver(request.getSharded(), request.getChannel().toByteArray(),
                request.getMessage().toByteArray());
        reply.onNext(DeliverReply.newBuilder().setReceivers(receivers).build());
        reply.onCompleted();
    }

    @Override
    public void census(CensusRequest request, StreamObserver<CensusReply> reply) {
        PubSubQuery.Answer a = subscriptions.census(new PubSubQuery(PubSubQuery.What.valueOf(request.getWhat().name()),
                request.getSharded(), request.getArgsList().stream().map(ByteString::toByteArray).toList()));
        reply.onNext(CensusReply.newBuilder().addAllNames(a.names().stream().map(ByteString::copyFrom).toList())
                .addAllCounts(a.counts()).build());
        reply.onCompleted();
    }
}

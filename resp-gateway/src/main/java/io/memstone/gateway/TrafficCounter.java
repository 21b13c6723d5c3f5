package io.memstone.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes every connection reads and writes, and how many reads and writes it took
 * (INFO stats' net and processed figures). First in each pipeline, shared by all of them.
 */
@ChannelHandler.Sharable
final class TrafficCounter extends ChannelDuplexHandler {
    private final ServerStats stats;

    TrafficCounter(ServerStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            stats.netInputBytes.add(b.readableBytes());
            stats.readsProcessed.inc();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            stats.netOutputBytes.add(b.readableBytes());
            stats.writesProcessed.inc();
        }
        ctx.write(msg, promise);
    }
}

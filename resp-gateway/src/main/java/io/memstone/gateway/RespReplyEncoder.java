package io.memstone.gateway;

import io.memstone.engine.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes replies as RESP2 or RESP3 bytes; stateless, so one instance serves every channel. */
@ChannelHandler.Sharable
final class RespReplyEncoder extends MessageToByteEncoder<OutboundReply> {
    static final RespReplyEncoder INSTANCE = new RespReplyEncoder();

    @Override
    protected void encode(ChannelHandlerContext ctx, OutboundReply msg, ByteBuf out) {
        RespWriter.write(msg.reply(), msg.protocol(), new ByteBufOutputStream(out));
    }
}

package io.memstone.gateway;

import io.memstone.engine.Reply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: runs its commands and writes their replies in request order.
 *
 * <p>Ordering rule: consecutive commands of the same kind run concurrently (a pipeline of SETs
 * becomes many proposals the shard batches into one log entry), but a write starts only after
 * every earlier read completed, and a read only after every earlier write completed, so a
 * connection always reads its own writes. Gateway-local commands run on arrival.
 *
 * <p>All fields are touched on the channel's event loop only, except {@link #running} and
 * {@link #drainScheduled}, which completion callbacks on executor threads update.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    /** Stop reading from a client with this many unanswered commands; resume at half. */
    private static final int MAX_UNANSWERED = 16 * 1024;

    private final CommandDispatcher dispatcher;
    private final ClientRegistry clients;
    private ChannelHandlerContext ctx;
    private ClientSession session;

    /** Every command not yet answered, in request order. */
    private final ArrayDeque<Pending> unanswered = new ArrayDeque<>();
    /** Reads and writes that may not start yet, in request order. */
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private Invocation.Kind runningKind;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** After QUIT or a protocol error Redis reads nothing more from the connection. */
    private boolean closing;

    private static final class Pending {
        final Invocation invocation;
        /** The protocol the connection spoke when the command arrived (after it, for HELLO). */
        int protocol;
        boolean closeAfter;
        CompletableFuture<Reply> result;

        Pending(Invocation invocation) {
            this.invocation = invocation;
        }

        boolean done() {
            return result != null && result.isDone();
        }

        Reply reply() {
            try {
                Reply r = result.join();
                return r != null ? r : GatewayErrors.error("ERR no reply");
            } catch (CompletionException | CancellationException e) {
                LOG.debug("command failed: {}", e.getMessage());
                return GatewayErrors.fromFailure(e);
            }
        }
    }

    ConnectionHandler(CommandDispatcher dispatcher, ClientRegistry clients) {
        this.dispatcher = dispatcher;
        this.clients = clients;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        session = clients.open(ctx.channel().remoteAddress(), ctx.channel().localAddress());
        LOG.debug("client {} connected from {}", session.id, session.addr);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        clients.close(session);
        LOG.debug("client {} disconnected", session.id);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) return;
        session.lastInteractionMs = System.currentTimeMillis();
        if (msg instanceof ProtocolError error) {
            LOG.info("client {} ({}) closed: {}", session.id, session.addr, error.message());
            Pending p = new Pending(Invocation.local(Reply.error(error.message())));
            p.closeAfter = true;
            closing = true;
            accept(p);
        } else {
            accept(new Pending(dispatcher.dispatch(session, (byte[][]) msg)));
        }
        if (unanswered.size() >= MAX_UNANSWERED) ctx.channel().config().setAutoRead(false);
    }

    private void accept(Pending p) {
        unanswered.add(p);
        Invocation.Kind kind = p.invocation.kind();
        if (kind == Invocation.Kind.LOCAL) {
            start(p);
            p.protocol = session.protocol;
            if (session.closeAfterReply) {
                p.closeAfter = true;
                closing = true;
            }
            return;
        }
        p.protocol = session.protocol;
        if (waiting.isEmpty() && (running.get() == 0 || runningKind == kind)) {
            start(p);
        } else {
            waiting.add(p);
        }
    }

    private void start(Pending p) {
        boolean counted = p.invocation.kind() != Invocation.Kind.LOCAL;
        if (counted) {
            running.incrementAndGet();
            runningKind = p.invocation.kind();
        }
        p.result = CommandDispatcher.start(p.invocation);
        p.result.whenComplete((r, e) -> {
            if (counted) running.decrementAndGet();
            scheduleDrain();
        });
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) ctx.executor().execute(this::drain);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        drain();
        ctx.fireChannelReadComplete();
    }

    /**
     * Writes every answered command at the head of the queue, starts the next group of waiting
     * commands when nothing runs, and flushes once for all of it.
     */
    private void drain() {
        drainScheduled.set(false);
        boolean wrote = false;
        while (true) {
            while (!unanswered.isEmpty() && unanswered.peek().done()) {
                Pending p = unanswered.poll();
                wrote = true;
                if (p.closeAfter) {
                    ctx.writeAndFlush(new OutboundReply(p.reply(), p.protocol)).addListener(ChannelFutureListener.CLOSE);
                    unanswered.clear();
                    waiting.clear();
                    return;
                }
                ctx.write(new OutboundReply(p.reply(), p.protocol));
            }
            if (running.get() > 0 || waiting.isEmpty()) break;
            Invocation.Kind kind = waiting.peek().invocation.kind();
            while (!waiting.isEmpty() && waiting.peek().invocation.kind() == kind) start(waiting.poll());
        }
        if (wrote) ctx.flush();
        resumeReadingIfDrained();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // A client that does not read its replies stops being read from.
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        } else {
            resumeReadingIfDrained();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void resumeReadingIfDrained() {
        var channel = ctx.channel();
        if (!closing && !channel.config().isAutoRead() && channel.isWritable()
                && unanswered.size() <= MAX_UNANSWERED / 2) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("client {} connection error: {}", session == null ? "?" : session.id, cause.getMessage());
        } else {
            LOG.warn("client {} closed after unexpected error: {}", session == null ? "?" : session.id, cause.toString());
        }
        ctx.close();
    }
}

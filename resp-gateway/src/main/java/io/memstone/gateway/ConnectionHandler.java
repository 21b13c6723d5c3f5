package io.memstone.gateway;

import io.memstone.engine.Reply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
 * <p>During CLIENT PAUSE a command that must wait is held, with everything read after it,
 * and reading stops until the pause ends. Other parts of the gateway reach the connection
 * through {@link ClientChannel}: MONITOR lines queue behind the replies already owed.
 *
 * <p>All fields are touched on the channel's event loop only, except {@link #running} and
 * {@link #drainScheduled}, which completion callbacks on executor threads update.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter implements ClientChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    /** Stop reading from a client with this many unanswered commands; resume at half. */
    private static final int MAX_UNANSWERED = 16 * 1024;

    private final CommandDispatcher dispatcher;
    private final ClientRegistry clients;
    private final ClientPause pause;
    private final ServerStats stats;
    private ChannelHandlerContext ctx;
    private ClientSession session;
    /** A command waiting for CLIENT PAUSE to end, and the requests read after it. */
    private Pending held;
    /** A blocking command not answered yet: what is read after it waits with {@link #readWhileHeld}. */
    private Pending blocking;
    private final ArrayDeque<Object> readWhileHeld = new ArrayDeque<>();

    /** Every command not yet answered, in request order. */
    private final ArrayDeque<Pending> unanswered = new ArrayDeque<>();
    /** Reads and writes that may not start yet, in request order. */
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private Invocation.Kind runningKind;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** After QUIT or a protocol error Redis reads nothing more from the connection. */
    private boolean closing;
    private final OutputLimit.Tracker outputLimit = new OutputLimit.Tracker();
    private final Supplier<OutputLimit> pubsubLimit;

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
                return GatewayErrors.fromFailure(e);
            }
        }
    }

    ConnectionHandler(CommandDispatcher dispatcher, ClientRegistry clients, ClientPause pause, ServerStats stats,
                      Supplier<OutputLimit> pubsubLimit) {
        this.pubsubLimit = pubsubLimit;
        this.dispatcher = dispatcher;
        this.clients = clients;
        this.pause = pause;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        session = clients.open(ctx.channel().remoteAddress(), ctx.channel().localAddress(), this);
        stats.connectionsReceived.inc();
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
        if (session.killed) {
            ctx.close();
            return;
        }
        if (held != null || blocking != null) {
            readWhileHeld.add(msg);
            if (readWhileHeld.size() >= MAX_UNANSWERED) ctx.channel().config().setAutoRead(false);
            return;
        }
        handle(msg);
        if (unanswered.size() >= MAX_UNANSWERED) ctx.channel().config().setAutoRead(false);
    }

    private void handle(Object msg) {
        session.lastInteractionMs = System.currentTimeMillis();
        if (msg instanceof ProtocolError error) {
            LOG.info("client {} ({}) closed: {}", session.id, session.addr, error.message());
            Reply reply = Reply.error(error.message());
            stats.errorReplied(reply);
            Pending p = new Pending(Invocation.refused(reply));
            p.closeAfter = true;
            closing = true;
            accept(p);
            return;
        }
        Pending p = new Pending(dispatcher.dispatch(session, (byte[][]) msg));
        if (mustWait(p)) {
            hold(p);
        } else {
            accept(p);
        }
    }

    private boolean mustWait(Pending p) {
        Invocation.Kind kind = p.invocation.kind();
        return !p.invocation.refused() && pause.holds(kind == Invocation.Kind.WRITE || kind == Invocation.Kind.BLOCKING);
    }

    private void hold(Pending p) {
        held = p;
        ctx.channel().config().setAutoRead(false);
        pause.lifted().thenRun(() -> ctx.executor().execute(this::resume));
    }

    /** The pause ended: run the held command, then what was read after it, until one must wait again. */
    private void resume() {
        Pending p = held;
        held = null;
        if (p == null || !ctx.channel().isActive()) return;
        if (mustWait(p)) {
            hold(p);
            return;
        }
        accept(p);
        handleRead();
        drain();
    }

    /** Runs what was read while a command was held or blocked, until one must wait again. */
    private void handleRead() {
        while (held == null && blocking == null && !closing && !readWhileHeld.isEmpty()) handle(readWhileHeld.poll());
    }

    /**
     * A MONITOR line or a Pub/Sub message, written after the replies the connection already
     * owes; pushes that arrive together are flushed together. A connection whose unsent output
     * passes its class's limit is closed, so a client that does not read cannot fill the heap.
     */
    @Override
    public void push(Reply message) {
        ctx.executor().execute(() -> {
            if (closing || !ctx.channel().isActive()) return;
            OutputLimit limit = session.subscriptions.active() ? pubsubLimit.get() : OutputLimit.MONITOR;
            ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
            long pending = out == null ? 0 : out.totalPendingWriteBytes();
            if (outputLimit.exceeded(limit, pending, System.currentTimeMillis())) {
                LOG.info("client {} ({}) closed: {} bytes of output unread, over the {} output buffer limit",
                        session.id, session.addr, pending, limit.clientClass());
                closing = true;
                // Its subscriptions go now: the inactive event would come only after every push
                // already queued on this loop, and until then PUBLISH would still count it.
                clients.close(session);
                ctx.close();
                return;
            }
            Pending p = new Pending(Invocation.refused(message));
            p.result = CompletableFuture.completedFuture(message);
            p.protocol = session.protocol;
            unanswered.add(p);
            scheduleDrain();
        });
    }

    @Override
    public void close() {
        ctx.channel().close();
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
        if (kind == Invocation.Kind.BLOCKING) blocking = p;
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
        if (wrote) {
            ctx.flush();
            session.lastInteractionMs = System.currentTimeMillis();
        }
        if (blocking != null && blocking.done()) {
            blocking = null;
            handleRead();
            if (!unanswered.isEmpty() && unanswered.peek().done()) scheduleDrain();
        }
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
        if (!closing && held == null && !channel.config().isAutoRead() && channel.isWritable()
                && unanswered.size() <= MAX_UNANSWERED / 2 && readWhileHeld.size() <= MAX_UNANSWERED / 2) {
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

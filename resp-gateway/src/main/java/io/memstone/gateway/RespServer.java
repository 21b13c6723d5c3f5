package io.memstone.gateway;

import com.codahale.metrics.Gauge;
import io.memstone.command.CommandTable;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RESP2/RESP3 server of a node: accepts Redis clients on {@code host:port}, answers
 * connection commands itself and sends data commands to the {@link CommandExecutor}.
 */
public final class RespServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RespServer.class);

    private final String host;
    private final int port;
    private final CommandDispatcher dispatcher;
    private final ClientRegistry clients = new ClientRegistry();
    private final ClientPause pause = new ClientPause();
    private final Subscriptions subscriptions = new Subscriptions();
    private final ServerStats stats;
    private final TrafficCounter traffic;
    private final IdleClients idleClients;
    private final PubSubBus bus;
    private final BlockedClients blocked;
    /** The configured pubsub class of client-output-buffer-limit, read by every connection. */
    private volatile OutputLimit pubsubLimit = OutputLimit.PUBSUB;
    private volatile RespRequestDecoder.Limits requestLimits = RespRequestDecoder.Limits.DEFAULT;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;

    /**
     * @param host     address to bind ({@code 0.0.0.0} for all interfaces)
     * @param port     port to bind; 0 picks a free one, see {@link #boundPort()}
     * @param executor runs data commands on the shards
     * @param info     what INFO reports about the node
     */
    public RespServer(String host, int port, CommandExecutor executor, ServerInfo info) {
        this(host, port, executor, info, GatewayServices.standalone());
    }

    /** A gateway inside a node, which provides its replication view, parameters and metric registry. */
    public RespServer(String host, int port, CommandExecutor executor, ServerInfo info, GatewayServices services) {
        this.host = host;
        this.port = port;
        Parameters parameters = services.parameters();
        bus = services.bus();
        blocked = new BlockedClients(services.readyKeys());
        stats = new ServerStats(services.metrics());
        traffic = new TrafficCounter(stats);
        idleClients = new IdleClients(clients, parameters);
        services.metrics().register("memstone_connected_clients", (Gauge<Integer>) clients::count);
        SlowLog slowLog = new SlowLog();
        AclLog aclLog = new AclLog();
        LatencyMonitor latency = new LatencyMonitor();
        Runnable configure = () -> {
            slowLog.configure(Long.parseLong(parameters.get(ParameterTable.SLOWLOG_LOG_SLOWER_THAN)),
                    Long.parseLong(parameters.get(ParameterTable.SLOWLOG_MAX_LEN)));
            latency.configure(Long.parseLong(parameters.get(ParameterTable.LATENCY_MONITOR_THRESHOLD)));
            pubsubLimit = OutputLimits.pubsub(parameters.get(ParameterTable.CLIENT_OUTPUT_BUFFER_LIMIT));
            requestLimits = new RespRequestDecoder.Limits(Long.parseLong(parameters.get(ParameterTable.PROTO_MAX_BULK_LEN)),
                    Long.parseLong(parameters.get(ParameterTable.CLIENT_QUERY_BUFFER_LIMIT)));
            aclLog.maxLen(Long.parseLong(parameters.get(ParameterTable.ACLLOG_MAX_LEN)));
        };
        configure.run();
        parameters.addListener(configure);

        CommandCatalog catalog = new CommandCatalog(CommandTable.redis());
        AclStore users = services.acl();
        new ClientCommands(clients, pause, blocked, users).register(catalog);
        AclGate acl = new AclGate(users, aclLog);
        clients.onOpen(acl::opened);
        UserSessions sessions = new UserSessions(clients);
        users.addListener(sessions::usersChanged);
        new ConnectionCommands(new Authenticator(users, aclLog)).register(catalog);
        new AclCommand(users, aclLog, catalog).register(catalog);
        new CommandCommands(catalog).register(catalog);
        new InfoCommand(info, clients, executor, new ProcessInfo(parameters, info), new StatsInfo(stats, subscriptions, parameters, info),
                new ReplicationSections(services.replication()), blocked).register(catalog);
        new ClusterCommands(info, executor).register(catalog);
        new ConfigCommand(parameters, stats, executor).register(catalog);
        new SlowlogCommand(slowLog).register(catalog);
        new LatencyCommand(latency).register(catalog);
        new ServerCommands(services.replication(), clients).register(catalog);
        new PubSubCommands(subscriptions, services.bus()).register(catalog);
        clients.onClose(subscriptions::dropAll);
        clients.onClose(blocked::drop);
        MemoryGuard memory = new MemoryGuard(parameters, info);
        MultiCommands multi = new MultiCommands(catalog, executor, memory, acl);
        multi.register(catalog);
        this.dispatcher = new CommandDispatcher(catalog, executor, stats,
                new CallRecorder(stats, slowLog, latency, clients), memory, multi, blocked, acl);
    }

    /** Binds the port; returns once the server accepts connections. */
    public void start() {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(traffic, new RespRequestDecoder(() -> requestLimits), RespReplyEncoder.INSTANCE,
                                new ConnectionHandler(dispatcher, clients, pause, stats,
                                () -> pubsubLimit));
                    }
                })
                .bind(host, port).syncUninterruptibly().channel();
        boss.scheduleAtFixedRate(idleClients, 1, 1, TimeUnit.SECONDS);
        boss.scheduleAtFixedRate(() -> subscriptions.dropUnserved(slot -> bus.redirect(slot) == null),
                1, 1, TimeUnit.SECONDS);
        boss.scheduleAtFixedRate(() -> stats.sampleOps(System.currentTimeMillis()),
                OpsRate.SAMPLE_EVERY_MS, OpsRate.SAMPLE_EVERY_MS, TimeUnit.MILLISECONDS);
        LOG.info("RESP server listening on {}:{}", host, boundPort());
    }

    /** This gateway's subscribers, to which the node delivers what other nodes publish. */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int boundPort() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection, and waits for the event loops to end. */
    @Override
    public void close() {
        if (channel != null) channel.close().syncUninterruptibly();
        if (boss != null) boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (workers != null) workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        blocked.close();
        LOG.debug("RESP server on {}:{} stopped", host, port);
    }
}

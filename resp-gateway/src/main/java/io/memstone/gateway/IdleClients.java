package io.memstone.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes clients idle (nothing read or written) for longer than the {@code timeout} parameter,
 * in seconds (0: never), as Redis' clientsCron does; MONITOR clients are exempt. Run once a second.
 */
final class IdleClients implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IdleClients.class);

    private final ClientRegistry clients;
    private final Parameters parameters;

    IdleClients(ClientRegistry clients, Parameters parameters) {
        this.clients = clients;
        this.parameters = parameters;
    }

    @Override
    public void run() {
        long timeoutMs = Long.parseLong(parameters.get(ParameterTable.TIMEOUT)) * 1000;
        if (timeoutMs == 0) return;
        long now = System.currentTimeMillis();
        for (ClientSession c : clients.all()) {
            if (!c.monitor && now - c.lastInteractionMs > timeoutMs) {
                LOG.debug("closing client {} ({}): idle for more than {} ms", c.id, c.addr, timeoutMs);
                c.channel.close();
            }
        }
    }
}

package io.memstone.chaos.cluster;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Traffic to containers must stay on their network's bridge, never take the host's default route. */
public final class BridgeRoute {
    private BridgeRoute() {}

    /** Fails unless the host routes the address through the bridge of the Docker network with this id. */
    public static void require(String address, String networkId) throws IOException, InterruptedException {
        String bridge = "br-" + networkId.substring(0, 12);
        Process p = new ProcessBuilder("ip", "route", "get", address).redirectErrorStream(true).start();
        String route = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || !route.contains(" dev " + bridge + " ")) {
            throw new IllegalStateException("the route to " + address + " is not through the bridge " + bridge + ": " + route.trim());
        }
    }
}

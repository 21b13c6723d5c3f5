package io.memstone.node;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memstone node --config FILE}: runs one node until it is told to stop. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run one Memstone node.")
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "Node configuration file (properties).")
    Path config;

    @Option(names = "--node-id", description = "Which peer of the file this node is, instead of its node.id "
            + "(so that all nodes can share one file, as deploy/ does).")
    String nodeId;

    @Override
    public Integer call() throws Exception {
        MemstoneNode node = new MemstoneNode(NodeConfig.load(config, nodeId));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        node.start();
        stopped.await();
        return 0;
    }
}

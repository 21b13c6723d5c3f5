package io.memstone.bench;

import static io.memstone.bench.Commands.argv;
import static io.memstone.bench.Commands.command;

import io.memstone.engine.Engine;
import io.memstone.engine.EngineSnapshot;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a restart costs before log replay: the time to load a snapshot of many string keys
 * (16 B keys, 32 B values), and to write it with nothing else running. Prints one line per
 * run. Run by deploy/engine-bench.sh load (LOAD_KEYS keys).
 */
public final class SnapshotLoad {
    private SnapshotLoad() {}

    public static void main(String[] args) throws Exception {
        int keys = Integer.parseInt(args[0]);
        Path file = Files.createTempFile("memstone-load-", ".snapshot");
        try {
            Engine engine = new Engine();
            Commands.load(engine, EngineBenchmark.commands(keys,
                    i -> command(argv("set", EngineBenchmark.key(i), EngineBenchmark.value(i)))));
            long started = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(file)) {
                EngineSnapshot.write(engine, "load", 1, 1, out);
            }
            System.out.printf("%,d keys: snapshot written in %.2f s, %,d bytes%n", keys, seconds(started), Files.size(file));
            engine = null;
            for (int run = 1; run <= 3; run++) {
                System.gc();
                started = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    EngineSnapshot.read(in);
                }
                System.out.printf("load %d: %.2f s%n", run, seconds(started));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}

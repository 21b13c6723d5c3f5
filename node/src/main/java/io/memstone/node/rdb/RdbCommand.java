package io.memstone.node.rdb;

import io.memstone.rdb.RdbFormatException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code memstone rdb import|export}: moves data between Redis' dump.rdb files and a running cluster. */
@Command(name = "rdb", mixinStandardHelpOptions = true,
        description = "Import a Redis dump.rdb into a running cluster, or export a cluster to one.",
        subcommands = {RdbCommand.Import.class, RdbCommand.Export.class})
public final class RdbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: import or export");
    }

    /** Where the cluster is: any node's RESP address serves every key. */
    static final class Server {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "A node's RESP host (default ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "6379", description = "That node's RESP port (default ${DEFAULT-VALUE}).")
        int port;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Write every key of an RDB file (redis-server 7.x) into the cluster, as replicated RESTOREs.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--file", required = true, description = "The RDB file, e.g. dump.rdb.")
        Path file;

        @CommandLine.Mixin
        Server server;

        @Option(names = "--replace", description = "Overwrite keys that exist (without it they fail with BUSYKEY).")
        boolean replace;

        @Option(names = "--db", defaultValue = "0",
                description = "Which of the file's databases to import (default ${DEFAULT-VALUE}); Memstone has one.")
        int db;

        @Override
        public Integer call() throws Exception {
            var out = System.out;
            RdbImporter.Result r;
            try {
                r = new RdbImporter(server.host, server.port, replace, db, out, System.err).run(file);
            } catch (RdbFormatException e) {
                throw new RdbFormatException(file + ": " + e.getMessage());
            }
            out.println(r.summary());
            if (r.expired() > 0) out.println("skipped " + r.expired() + " keys already expired");
            if (r.otherDbs() > 0) out.println("skipped " + r.otherDbs() + " keys of databases other than " + db);
            Map<String, Integer> skipped = new TreeMap<>();
            for (String s : r.skipped()) skipped.merge(s, 1, Integer::sum);
            skipped.forEach((what, n) -> out.println("skipped " + n + " x " + what + " (not key data)"));
            if (r.failed() == 0) return 0;
            System.err.println("memstone: " + r.failed() + " keys failed to import");
            return 1;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every key of the cluster, with its expiry, into an RDB file that redis-server 7.x loads.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--file", required = true, description = "The RDB file to write (replaced once complete).")
        Path file;

        @CommandLine.Mixin
        Server server;

        @Override
        public Integer call() throws Exception {
            System.out.println(new RdbExporter(server.host, server.port, System.out).run(file).summary());
            return 0;
        }
    }
}

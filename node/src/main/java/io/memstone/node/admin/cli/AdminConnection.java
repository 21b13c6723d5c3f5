package io.memstone.node.admin.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.memstone.node.AdminToken;
import io.memstone.node.admin.AdminChannels;
import io.memstone.proto.admin.AdminServiceGrpc.AdminServiceBlockingStub;
import io.memstone.proto.admin.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code memstone admin} command shares: where the node is, the token, the output
 * format, and how failures become one line and an exit status ({@link AdminCommand} lists them).
 */
final class AdminConnection {
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final String TOKEN_ENV = "MEMSTONE_ADMIN_TOKEN";

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "A node's host (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8379", description = "Its admin port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", description = "The cluster's admin token (or --token-file, or $" + TOKEN_ENV + ").")
    String token;

    @Option(names = "--token-file", description = "A file holding the admin token.")
    Path tokenFile;

    @Option(names = "--json", description = "Print the reply as JSON (progress: one JSON object per line).")
    boolean json;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for the call (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** A call against the node's admin service; returns the exit status. */
    interface Call {
        int run(AdminServiceBlockingStub admin) throws IOException;
    }

    int run(Call call) {
        String t = token();
        try (AdminChannels channels = new AdminChannels(t)) {
            return call.run(channels.blocking(host, port).withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS));
        } catch (StatusRuntimeException e) {
            err().println("memstone admin: " + message(e.getStatus()));
            return exitStatus(e.getStatus().getCode());
        } catch (IOException e) {
            err().println("memstone admin: " + e.getMessage());
            return FAILED;
        }
    }

    private String token() {
        try {
            if (token != null) return token;
            if (tokenFile != null) return AdminToken.inFile(tokenFile).read().orElseThrow();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "cannot read the admin token: " + e);
        }
        String env = System.getenv(TOKEN_ENV);
        if (env != null && !env.isBlank()) return env.trim();
        throw new CommandLine.ParameterException(command.commandLine(),
                "no admin token: give --token or --token-file, or set " + TOKEN_ENV);
    }

    private String message(Status s) {
        String where = host + ":" + port;
        String why = AdminChannels.reason(s);
        return switch (s.getCode()) {
            case UNAVAILABLE -> "cannot reach the admin service at " + where + " (" + why + ")";
            case UNAUTHENTICATED -> where + " refused the call: " + why;
            case DEADLINE_EXCEEDED -> "no answer from " + where + " within " + timeoutSeconds + " s";
            case UNIMPLEMENTED -> "this version of Memstone does not serve that call";
            default -> why;
        };
    }

    /** 3 when the node cannot be reached or refused the token, 2 for a bad argument, 1 when the operation failed. */
    static int exitStatus(Status.Code code) {
        return switch (code) {
            case UNAVAILABLE, UNAUTHENTICATED, PERMISSION_DENIED -> UNREACHABLE;
            case INVALID_ARGUMENT -> USAGE;
            default -> FAILED;
        };
    }

    /** Prints a reply as JSON when --json was given; returns whether it did. */
    boolean printJson(MessageOrBuilder reply) throws InvalidProtocolBufferException {
        if (!json) return false;
        out().println(JsonFormat.printer().print(reply));
        out().flush();
        return true;
    }

    /** Follows a long operation's steps: a progress bar, or with --json one object per line. */
    int follow(Iterator<Progress> steps) throws InvalidProtocolBufferException {
        ProgressBar bar = new ProgressBar(err(), System.console() != null);
        Progress last = null;
        try {
            while (steps.hasNext()) {
                last = steps.next();
                if (json) out().println(JsonFormat.printer().omittingInsignificantWhitespace().print(last));
                else bar.show(last);
            }
        } finally {
            bar.finish();
        }
        if (!json && last != null) out().println(last.getStep());
        out().flush();
        return 0;
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }
}

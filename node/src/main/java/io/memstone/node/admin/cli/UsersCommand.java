package io.memstone.node.admin.cli;

import io.memstone.proto.admin.DeleteUserRequest;
import io.memstone.proto.admin.ListUsersReply;
import io.memstone.proto.admin.ListUsersRequest;
import io.memstone.proto.admin.SetUserRequest;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code memstone admin user create|list|get|delete|set}: the cluster's ACL users, with Redis
 * access strings ({@code on >secret ~app:* +@read}); users are shown as ACL LIST shows them.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the cluster's ACL users (Redis access strings).")
final class UsersCommand {
    /** Exit status of {@code get} and {@code create} when the user is missing or already there. */
    private static final int REFUSED = 1;

    @Command(name = "list", description = "Every user, as ACL LIST shows it.")
    int list(@Mixin AdminConnection c) {
        return c.run(admin -> {
            ListUsersReply users = admin.listUsers(ListUsersRequest.getDefaultInstance());
            if (!c.printJson(users)) users.getUsersList().forEach(c.out()::println);
            return 0;
        });
    }

    @Command(name = "get", description = "One user, as ACL LIST shows it.")
    int get(@Mixin AdminConnection c, @Parameters(paramLabel = "NAME") String name) {
        return c.run(admin -> {
            Optional<String> user = find(admin.listUsers(ListUsersRequest.getDefaultInstance()), name);
            if (user.isEmpty()) {
                c.err().println("memstone admin: no user " + name);
                return REFUSED;
            }
            c.out().println(user.get());
            return 0;
        });
    }

    @Command(name = "create", description = "A new user with an access string; refused if the user exists.")
    int create(@Mixin AdminConnection c, @Parameters(paramLabel = "NAME") String name,
               @Parameters(paramLabel = "RULE", arity = "0..*") List<String> rules) {
        return c.run(admin -> {
            if (find(admin.listUsers(ListUsersRequest.getDefaultInstance()), name).isPresent()) {
                c.err().println("memstone admin: user " + name + " exists; use 'user set' to change it");
                return REFUSED;
            }
            admin.setUser(request(name, rules));
            return 0;
        });
    }

    @Command(name = "set", description = "Apply access-string rules to a user (created if missing), like ACL SETUSER.")
    int set(@Mixin AdminConnection c, @Parameters(paramLabel = "NAME") String name,
            @Parameters(paramLabel = "RULE", arity = "1..*") List<String> rules) {
        return c.run(admin -> {
            admin.setUser(request(name, rules));
            return 0;
        });
    }

    @Command(name = "delete", description = "Delete a user; its connections close on every node.")
    int delete(@Mixin AdminConnection c, @Parameters(paramLabel = "NAME") String name) {
        return c.run(admin -> {
            admin.deleteUser(DeleteUserRequest.newBuilder().setName(name).build());
            return 0;
        });
    }

    private static SetUserRequest request(String name, List<String> rules) {
        return SetUserRequest.newBuilder().setName(name).setRules(String.join(" ", rules == null ? List.of() : rules)).build();
    }

    private static Optional<String> find(ListUsersReply users, String name) {
        return users.getUsersList().stream().filter(u -> u.startsWith("user " + name + " ")).findFirst();
    }
}

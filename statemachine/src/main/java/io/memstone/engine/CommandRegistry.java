package io.memstone.engine;

import java.util.HashMap;
import java.util.Map;

/** Lower-case command name to implementation; each command family registers its own. */
final class CommandRegistry {
    private final Map<String, CommandHandler> handlers = new HashMap<>();

    static CommandRegistry standard() {
        CommandRegistry r = new CommandRegistry();
        return r;
    }

    void register(String name, CommandHandler handler) {
        handlers.put(name, handler);
    }

    CommandHandler lookup(String name) {
        return handlers.get(name);
    }
}

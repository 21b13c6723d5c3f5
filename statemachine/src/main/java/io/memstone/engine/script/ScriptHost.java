package io.memstone.engine.script;

import io.memstone.engine.Reply;

/** What a running script reaches through redis.call and redis.pcall: the engine, in the script's context. */
@FunctionalInterface
public interface ScriptHost {
    /** Runs one command for the script (argv as it passed them); its reply, or an error reply. */
    Reply call(byte[][] argv);
}

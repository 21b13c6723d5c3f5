package io.memstone.engine.script;

import java.util.List;
import java.util.Set;

/**
 * A function a library registered: its name as given, its description (null if none) and its
 * flags in Redis' order (scripts_flags_def), as FUNCTION LIST shows them.
 */
public record LibraryFunction(String name, byte[] description, List<String> flags) {
    /** The flags as a declared shebang's, which FCALL checks as EVAL checks a script's. */
    public Shebang shebang() {
        return new Shebang(0, Set.copyOf(flags));
    }
}

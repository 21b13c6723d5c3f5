package io.memstone.engine.script;

import java.util.List;

/** A loaded function library: its name, its whole code (shebang line included) and its functions in registration order. */
public record Library(String name, byte[] code, List<LibraryFunction> functions) {}

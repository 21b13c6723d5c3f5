package io.memstone.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a node finds the cluster's admin token: in its config ({@code admin.token}), in a file
 * ({@code admin.token-file}, read at start), or nowhere, which leaves the admin service refusing
 * every call. Every node of a cluster needs the same token: nodes call each other's service.
 */
public record AdminToken(String literal, Path file) {
    public static final AdminToken NONE = new AdminToken(null, null);

    public static AdminToken of(String token) {
        return new AdminToken(token, null);
    }

    public static AdminToken inFile(Path file) {
        return new AdminToken(null, file);
    }

    static AdminToken parse(Properties p) {
        String literal = p.getProperty("admin.token");
        String file = p.getProperty("admin.token-file");
        if (literal != null && file != null) throw new IllegalArgumentException("config has both admin.token and admin.token-file: keep one");
        if (literal != null) return of(literal.trim());
        return file != null ? inFile(Path.of(file.trim())) : NONE;
    }

    void store(Properties p) {
        if (literal != null) p.setProperty("admin.token", literal);
        if (file != null) p.setProperty("admin.token-file", file.toString());
    }

    /** The token; empty when none is configured. */
    public Optional<String> read() throws IOException {
        String token = literal != null ? literal : file != null ? readFile() : null;
        if (token != null && token.isEmpty()) {
            throw new IOException("the admin token " + (file != null ? "in " + file + " " : "") + "is empty");
        }
        return Optional.ofNullable(token);
    }

    private String readFile() throws IOException {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            // A bind mount of a missing host file shows up as a directory: say which file and why.
            throw new IOException("cannot read the admin token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new random token in {@code file}, readable by its owner only (what a local cluster's nodes share). */
    public static AdminToken generate(Path file) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
        return inFile(file);
    }
}

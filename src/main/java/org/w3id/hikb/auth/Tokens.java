package org.w3id.hikb.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.w3id.hikb.config.ConfigException;

/**
 * The bearer tokens allowed to write, as a file kept outside the repository. The file never holds a token,
 * only its SHA-256 hash, one per line with the role and the name it was issued to:
 * <pre>
 * # hikb tokens: sha256:HASH ROLE NAME
 * sha256:3f0c...e1 editor alice
 * </pre>
 * A presented token is hashed and compared with every line in constant time, so neither the answer nor its
 * timing tells how close a guess was. The file is read again when it changes: revoking a token is deleting
 * its line. Tokens are random (256 bits), so a plain hash is enough; no password stretching is needed.
 */
public final class Tokens {
    private static final String PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path file;
    private volatile Loaded loaded;

    private record Entry(byte[] hash, Role role, String name) {}
    private record Loaded(FileTime modified, List<Entry> entries) {}

    private Tokens(Path file) {
        this.file = file;
        this.loaded = file == null ? new Loaded(null, List.of()) : read(file);
    }

    /** The tokens of a file (null: no tokens, so nothing can be written over HTTP). */
    public static Tokens from(Path file) {
        return new Tokens(file);
    }

    /** Is any token configured at all? */
    public boolean any() {
        return !current().entries().isEmpty();
    }

    /** The caller a token belongs to, or null when it is not a valid token. */
    Caller find(String presented) {
        byte[] hash = sha256(presented);
        Caller found = null;
        for (Entry e : current().entries())
            if (MessageDigest.isEqual(e.hash(), hash) && found == null)
                found = new Caller(e.name(), e.role());
        return found;
    }

    private Loaded current() {
        Loaded l = loaded;
        if (file == null) return l;
        try {
            if (!Files.getLastModifiedTime(file).equals(l.modified()))
                loaded = l = read(file);
        } catch (IOException | ConfigException e) {
            // A tokens file that went away or broke while serving: no one can write until it is fixed.
            loaded = l = new Loaded(null, List.of());
        }
        return l;
    }

    private static Loaded read(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            List<Entry> entries = new ArrayList<>();
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                String[] parts = s.split("\\s+", 3);
                if (parts.length < 3 || !parts[0].startsWith(PREFIX) || parts[0].length() != PREFIX.length() + 64)
                    throw new ConfigException(file + " line " + n + ": expected 'sha256:<64 hex digits> <role> <name>'.");
                try {
                    entries.add(new Entry(HexFormat.of().parseHex(parts[0].substring(PREFIX.length())), Role.parse(parts[1]), parts[2]));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(file + " line " + n + ": " + e.getMessage());
                }
            }
            return new Loaded(modified, List.copyOf(entries));
        } catch (IOException e) {
            throw new ConfigException("Cannot read the tokens file " + file + ": " + e.getMessage());
        }
    }

    /** A new random token, shown once to the person it is for. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "hikb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The line of the tokens file that lets {@code token} act as {@code name} with {@code role}. */
    public static String line(String token, Role role, String name) {
        if (name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)))
            throw new IllegalArgumentException("A token's name is one word without spaces: '" + name + "'.");
        return PREFIX + HexFormat.of().formatHex(sha256(token)) + " " + role.label() + " " + name;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

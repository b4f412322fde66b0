package org.w3id.hikb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A third-party command-line tool from npm, installed on first use into {@code target/node-tools} at a fixed
 * version (npm is a registry this project may use). Without Node.js on the machine the tests that need one
 * are skipped, except in CI ({@code CI=true}), where a missing tool is a failure.
 */
public final class NodeTool {
    static final Path TOOLS = Path.of("target", "node-tools").toAbsolutePath();

    private NodeTool() {}

    /** The path of the tool's command, installing {@code pkg@version} if it is not there yet. */
    public static Path command(String pkg, String version, String command) {
        return file(pkg, version, ".bin/" + command);
    }

    /** A file of an installed package ({@code path} under {@code node_modules}), installing {@code pkg@version} if need be. */
    public static Path file(String pkg, String version, String path) {
        Path bin = TOOLS.resolve("node_modules").resolve(path);
        if (Files.exists(bin)) return bin;
        try {
            Files.createDirectories(TOOLS);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", TOOLS.toString(), pkg + "@" + version)
                    .redirectErrorStream(true).redirectOutput(TOOLS.resolve("npm-install.log").toFile()).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES)) npm.destroyForcibly();
        } catch (IOException e) {
            unavailable(pkg, "npm is not here: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!Files.exists(bin)) unavailable(pkg, "npm could not install it; see " + TOOLS.resolve("npm-install.log"));
        return bin;
    }

    private static void unavailable(String pkg, String why) {
        if ("true".equals(System.getenv("CI"))) throw new IllegalStateException("CI needs " + pkg + ": " + why);
        Assumptions.abort(pkg + " is not available, so this test is skipped: " + why);
    }
}

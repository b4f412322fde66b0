package org.w3id.hikb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.w3id.hikb.auth.Role;
import org.w3id.hikb.auth.Tokens;

/** A tokens file for a test: one editor token and one admin token, issued to the names given. */
public record TestTokens(Path file, String editor, String admin) {

    public static TestTokens create(String editorName, String adminName) {
        String editor = Tokens.newToken(), admin = Tokens.newToken();
        try {
            Path file = Files.createTempFile("hikb-tokens-", ".txt");
            Files.writeString(file, Tokens.line(editor, Role.EDITOR, editorName) + "\n" + Tokens.line(admin, Role.ADMIN, adminName) + "\n");
            return new TestTokens(file, editor, admin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as a setting value. */
    public String path() {
        return file.toString();
    }
}

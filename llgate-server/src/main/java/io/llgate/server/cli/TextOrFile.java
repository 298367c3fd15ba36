package io.llgate.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Option values that hold a key either as text or as the path of a file holding it. */
final class TextOrFile {
    private TextOrFile() {
    }

    /** The file's content when the value names a readable file, else the value itself. */
    static String read(String value) {
        Path path;
        try {
            path = Path.of(value.trim());
        } catch (InvalidPathException e) {
            return value;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            return value;
        }
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}

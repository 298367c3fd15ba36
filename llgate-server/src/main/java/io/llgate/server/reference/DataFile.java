package io.llgate.server.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the reference data files shipped in this package's resources, and their required members. */
final class DataFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final JsonNode root;

    private DataFile(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    /** The file shipped with the gateway; a missing or unreadable file stops the gateway from starting. */
    static DataFile shipped(String name) {
        try (InputStream in = DataFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return read(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** A file in the same shape read from elsewhere, such as the one a deployment provides. */
    static DataFile read(String name, InputStream in) throws IOException {
        return new DataFile(name, JSON.readTree(in));
    }

    JsonNode root() {
        return root;
    }

    /** A member that must be there. */
    JsonNode required(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            throw invalid(member + " is missing in " + node);
        }
        return value;
    }

    /** A member that must be there and match {@code regex}. */
    String text(JsonNode node, String member, String regex) {
        String text = required(node, member).asText();
        if (!text.matches(regex)) {
            throw invalid(member + " is malformed: " + text + " in " + node);
        }
        return text;
    }

    IllegalStateException invalid(String problem) {
        return new IllegalStateException(name + ": " + problem);
    }
}

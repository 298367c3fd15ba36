package io.llgate.server.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distinct failures of a run, each with the first input that showed it and how often it was seen. A failing
 * try also fails its property (unless in survey mode); the file lets the whole set be read at once.
 */
final class Findings {
    private record Seen(String example, int count) {
    }

    private final Map<String, Seen> seen = new TreeMap<>();

    /** Records the problems of one request; answers whether there were any. */
    synchronized boolean record(String target, String input, List<String> problems) {
        for (String problem : problems) {
            String key = target + " | " + problem;
            Seen before = seen.get(key);
            seen.put(key, before == null ? new Seen(input, 1) : new Seen(before.example(), before.count() + 1));
        }
        return !problems.isEmpty();
    }

    /** The text with lone surrogates (which UTF-8 cannot write) shown as escapes. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    synchronized void writeTo(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(seen.size() + " distinct failures");
        seen.forEach((key, s) -> {
            lines.add("");
            lines.add(key + "  (x" + s.count() + ")");
            lines.add("    e.g. " + s.example());
        });
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines.stream().map(Findings::printable).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

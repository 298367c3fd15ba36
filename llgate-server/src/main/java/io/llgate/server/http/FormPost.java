package io.llgate.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A form a page posts for the browser: where to, in which charset the browser must encode it, and its
 * fields in order. The fields travel as they are; the page only escapes them for HTML.
 */
public record FormPost(String action, String charset, List<Field> fields) {

    /** One hidden input. */
    public record Field(String name, String value) {
    }

    public FormPost {
        fields = List.copyOf(fields);
    }

    public static FormPost of(String action, String charset, Map<String, String> fields) {
        List<Field> list = new ArrayList<>();
        fields.forEach((name, value) -> list.add(new Field(name, value)));
        return new FormPost(action, charset, list);
    }
}

package io.llgate.server.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts of a transaction's detail in the order they are added; a fact without a value is left out. */
public final class Facts {
    private final Map<String, String> facts = new LinkedHashMap<>();

    public Facts add(String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            facts.put(name, value.toString());
        }
        return this;
    }

    public Map<String, String> map() {
        return Collections.unmodifiableMap(facts);
    }
}

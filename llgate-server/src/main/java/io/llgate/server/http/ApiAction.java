package io.llgate.server.http;

import java.util.LinkedHashMap;

/** What an endpoint does with a verified request: returns the reply fields, unsigned, in wire order. */
@FunctionalInterface
public interface ApiAction {
    LinkedHashMap<String, String> handle(ApiRequest request);
}

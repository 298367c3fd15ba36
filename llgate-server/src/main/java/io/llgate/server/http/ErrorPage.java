package io.llgate.server.http;

/** What the error page shows: the return code and message, the field at fault, and the sign source (sandbox). */
public record ErrorPage(String retCode, String retMsg, String field, String signSource) {
}

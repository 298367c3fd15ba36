package io.llgate.server.console;

/**
 * A console login as a request finds it: a short label of the session (what the audit log shows, never enough to
 * use it), the CSRF token its forms carry, who logged in and from where.
 */
public record ConsoleSession(String label, String csrfToken, String actor, String source) {
}

package io.llgate.server.console;

import java.util.List;

/** The audit log page: the newest changes made through the console. */
public record AuditPage(ConsoleFrame frame, List<AuditLog.Entry> entries) {
}

package io.llgate.server.console;

import java.util.Optional;

/**
 * What a console form did: the page to go to next with a notice, and the change to write in the audit log (none for
 * what changed nothing, such as a dry run); or nothing, when the action rendered its own page.
 */
public record ConsoleAction(Optional<String> redirect, String notice, Optional<AuditLog.Change> change) {

    /** A change made: the audit log records it, and the browser goes to {@code location} with the notice. */
    public static ConsoleAction changed(String location, String notice, String action, String target, String detail) {
        return new ConsoleAction(Optional.of(location), notice,
                Optional.of(new AuditLog.Change(action, target, detail)));
    }

    /** The action answered with a page of its own (a dry run's result), changing nothing. */
    public static ConsoleAction shown() {
        return new ConsoleAction(Optional.empty(), null, Optional.empty());
    }
}

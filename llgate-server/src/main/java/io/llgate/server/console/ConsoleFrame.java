package io.llgate.server.console;

import java.util.List;

/**
 * What every console page shows around its content: the title, the navigation with the current section, the CSRF
 * token its forms carry, who is logged in, whether this is a sandbox, and the notice of the last action.
 */
public record ConsoleFrame(String title, List<ConsoleNav> nav, ConsoleNav current, String csrf, String actor,
                           boolean sandbox, String notice) {

    public ConsoleFrame {
        nav = List.copyOf(nav);
    }

    /** The name of the hidden field that carries the CSRF token in every console form. */
    public String csrfField() {
        return Console.CSRF_FIELD;
    }
}

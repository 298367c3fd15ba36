package io.llgate.server.console;

import io.javalin.http.Context;
import io.llgate.server.http.AdminInput;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One request to a console page or action, once the shell has checked the login (and for a form, its CSRF
 * token): the request, the session, the form's fields, and how to render a page in the console's frame.
 */
public final class ConsoleCall {
    private final Console console;
    private final Context ctx;
    private final ConsoleSession session;
    private final ConsoleNav section;
    private final Map<String, String> form;
    private final String notice;

    ConsoleCall(Console console, Context ctx, ConsoleSession session, ConsoleNav section, Map<String, String> form,
                String notice) {
        this.console = console;
        this.ctx = ctx;
        this.session = session;
        this.section = section;
        this.form = Map.copyOf(form);
        this.notice = notice;
    }

    public Context ctx() {
        return ctx;
    }

    public ConsoleSession session() {
        return session;
    }

    /** A path parameter of the route. */
    public String path(String name) {
        return ctx.pathParam(name);
    }

    /** A query parameter, blank read as absent. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::trim).filter(t -> !t.isEmpty());
    }

    /** A field of the posted form, blank read as absent. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(form.get(name)).map(String::trim).filter(t -> !t.isEmpty());
    }

    /** Every field of the posted form, as sent. */
    public Map<String, String> form() {
        return form;
    }

    /** The posted form as an admin request body, checked by the admin API's own rules; see {@link AdminInput#form}. */
    public AdminInput.Body body(Set<String> lists, Set<String> numbers) {
        return AdminInput.form(form, lists, numbers);
    }

    /** The frame of a page of this call's section titled {@code title}. */
    public ConsoleFrame frame(String title) {
        return console.frame(title, section, session, notice);
    }

    /** Renders a console template (under {@code src/main/jte/console}) whose model carries {@link #frame}. */
    public void render(String template, Object model) {
        console.render(ctx, 200, template, model);
    }
}

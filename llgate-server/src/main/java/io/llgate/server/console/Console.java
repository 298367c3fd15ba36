package io.llgate.server.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.llgate.server.GatewayMode;
import io.llgate.server.http.AdminAuth;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.FormBody;
import io.llgate.server.http.Pages;
import io.llgate.server.http.RequestBody;
import io.llgate.server.kernel.Refusal;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway console's shell, under {@code /console}: login with the admin token into a session cookie, logout,
 * the idle timeout, the CSRF token every form carries, the audit log of every change, and the frame (navigation,
 * labels in Chinese and English) every page renders in. Sections add their pages with {@link #page} and their
 * forms with {@link #action}; the shell checks the login before either runs, and the CSRF token before an action.
 */
public final class Console {
    private static final Logger log = LoggerFactory.getLogger(Console.class);
    /** The console's home; {@code llgate serve} prints it. */
    public static final String PATH = "/console";
    static final String CSRF_FIELD = "csrf";
    private static final String SESSION_COOKIE = "llgate_console";
    /** The login form's own CSRF token, before there is a session: the form must echo the cookie. */
    private static final String LOGIN_COOKIE = "llgate_console_login";
    private static final String NOTICE_COOKIE = "llgate_console_notice";
    /** Sent by the pages' live updates (see the layout's script). */
    private static final String LIVE_HEADER = "X-Console-Live";
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final int MAX_ACTOR_LENGTH = 64;

    /** A console page: renders what a GET asks for. */
    @FunctionalInterface
    public interface Page {
        void show(ConsoleCall call) throws Exception;
    }

    /** A console form's handler: makes the change a POST asks for. */
    @FunctionalInterface
    public interface Action {
        ConsoleAction act(ConsoleCall call) throws Exception;
    }

    private final ConsoleSessions sessions;
    private final AuditLog audit;
    private final Pages pages;
    private final AdminAuth adminAuth;
    private final GatewayMode mode;
    private RoutesConfig routes;

    public Console(ConsoleSessions sessions, AuditLog audit, Pages pages, AdminAuth adminAuth, GatewayMode mode) {
        this.sessions = sessions;
        this.audit = audit;
        this.pages = pages;
        this.adminAuth = adminAuth;
        this.mode = mode;
    }

    /** The audit log, which the admin API lists too. */
    public AuditLog audit() {
        return audit;
    }

    /** Adds the shell's routes (login, logout, the audit log); sections then add theirs with {@link #page} and {@link #action}. */
    public void addTo(RoutesConfig routes) {
        this.routes = routes;
        routes.get(PATH + "/login", this::loginForm);
        routes.post(PATH + "/login", this::login);
        routes.post(PATH + "/logout", ctx -> guarded(ctx, ConsoleNav.OVERVIEW, session -> logout(ctx, session)));
        page(PATH + "/audit", ConsoleNav.AUDIT, call -> call.render("console/audit.jte",
                new AuditPage(call.frame("审计日志 Audit log"), audit.latest(200))));
    }

    /** A page at {@code path} (a Javalin path, e.g. {@code /console/merchants/{oid}}) in {@code section}. */
    public void page(String path, ConsoleNav section, Page page) {
        routes.get(path, ctx -> guarded(ctx, section, session ->
                page.show(new ConsoleCall(this, ctx, session, section, Map.of(), takeNotice(ctx)))));
    }

    /**
     * A form posted to {@code path}: refused 403 without the session's CSRF token; what it changed is written to the
     * audit log, and the browser goes on to the page the action names (post, redirect, get).
     */
    public void action(String path, ConsoleNav section, Action action) {
        routes.post(path, ctx -> guarded(ctx, section, session -> {
            Map<String, String> form = form(ctx);
            if (!sameToken(form.get(CSRF_FIELD), session.csrfToken())) {
                throw new AdminException(403, "这个表单已过期，请重新打开页面 · This form is stale or forged "
                        + "(its CSRF token does not match your session); open the page again.");
            }
            ConsoleCall call = new ConsoleCall(this, ctx, session, section, form, null);
            ConsoleAction done = action.act(call);
            done.change().ifPresent(change -> audit.record(session, change));
            done.redirect().ifPresent(location -> {
                if (done.notice() != null) {
                    cookie(ctx, NOTICE_COOKIE, URLEncoder.encode(done.notice(), StandardCharsets.UTF_8), 60);
                }
                ctx.redirect(location, HttpStatus.SEE_OTHER);
            });
        }));
    }

    ConsoleFrame frame(String title, ConsoleNav section, ConsoleSession session, String notice) {
        List<ConsoleNav> nav = Arrays.stream(ConsoleNav.values()).filter(n -> mode.isSandbox() || !n.sandboxOnly()).toList();
        return new ConsoleFrame(title, nav, section, session.csrfToken(), session.actor(), mode.isSandbox(), notice);
    }

    void render(Context ctx, int status, String template, Object model) {
        pages.render(ctx, status, template, model);
    }

    @FunctionalInterface
    private interface Body {
        void run(ConsoleSession session) throws Exception;
    }

    /**
     * Runs a page or action for a logged-in browser, and sends any other to log in; a refusal shows the console's
     * error page, never a stack trace.
     */
    private void guarded(Context ctx, ConsoleNav section, Body body) {
        try {
            Optional<ConsoleSession> session = session(ctx);
            if (session.isEmpty()) {
                toLogin(ctx);
                return;
            }
            body.run(session.get());
        } catch (AdminException e) {
            error(ctx, section, e.status(), e.getMessage());
        } catch (Refusal e) {
            error(ctx, section, 400, e.code().code() + " " + e.retMsg());
        } catch (Exception e) {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, section, 500, "内部错误 · Internal error; see the gateway log.");
        }
    }

    private void error(Context ctx, ConsoleNav section, int status, String message) {
        Optional<ConsoleSession> session = session(ctx);
        if (session.isEmpty()) {
            toLogin(ctx);
            return;
        }
        String back = ctx.method().name().equals("POST") ? Optional.ofNullable(ctx.header("Referer"))
                .filter(r -> r.contains(PATH)).orElse(section.path()) : section.path();
        render(ctx, status, "console/error.jte",
                new ConsoleError(frame("错误 Error " + status, section, session.get(), null), status, message, back));
    }

    private void loginForm(Context ctx) {
        String token = sessions.randomToken();
        cookie(ctx, LOGIN_COOKIE, token, 3600);
        render(ctx, 200, "console/login.jte", new LoginPage(token, next(ctx.queryParam("next")), null, mode.isSandbox(),
                ctx.queryParam("out") != null));
    }

    private void login(Context ctx) {
        Map<String, String> form = form(ctx);
        String next = next(form.get("next"));
        if (!sameToken(form.get(CSRF_FIELD), ctx.cookie(LOGIN_COOKIE))) {
            refuseLogin(ctx, 403, next, "登录表单已过期，请重试 · The login form is stale (CSRF); try again.");
            return;
        }
        try {
            adminAuth.check(ctx, form.getOrDefault("token", ""));
        } catch (AdminException e) {
            refuseLogin(ctx, e.status(), next, e.status() == 429 ? e.getMessage()
                    : "管理令牌不正确 · Wrong admin token.");
            return;
        }
        String actor = Optional.ofNullable(form.get("actor")).map(String::trim).filter(a -> !a.isEmpty())
                .map(a -> a.length() > MAX_ACTOR_LENGTH ? a.substring(0, MAX_ACTOR_LENGTH) : a)
                .map(a -> a.replaceAll("\\p{Cntrl}", " ")).orElse("operator");
        ConsoleSessions.Opened opened = sessions.open(actor, ctx.ip());
        ctx.removeCookie(LOGIN_COOKIE, PATH);
        cookie(ctx, SESSION_COOKIE, opened.id(), -1);
        audit.record(opened.session(), new AuditLog.Change("login", "console", null));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private void refuseLogin(Context ctx, int status, String next, String message) {
        String token = sessions.randomToken();
        cookie(ctx, LOGIN_COOKIE, token, 3600);
        render(ctx, status, "console/login.jte", new LoginPage(token, next, message, mode.isSandbox(), false));
    }

    private void logout(Context ctx, ConsoleSession session) {
        if (!sameToken(form(ctx).get(CSRF_FIELD), session.csrfToken())) {
            throw new AdminException(403, "这个表单已过期 · This form is stale or forged (CSRF).");
        }
        audit.record(session, new AuditLog.Change("logout", "console", null));
        sessions.close(ctx.cookie(SESSION_COOKIE));
        ctx.removeCookie(SESSION_COOKIE, PATH);
        ctx.redirect(PATH + "/login?out", HttpStatus.SEE_OTHER);
    }

    private Optional<ConsoleSession> session(Context ctx) {
        // A page's live update polls on its own; only what a person does keeps the session from idling out.
        return sessions.use(ctx.cookie(SESSION_COOKIE), ctx.header(LIVE_HEADER) == null);
    }

    private void toLogin(Context ctx) {
        String next = ctx.method().name().equals("GET") ? ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString())
                : PATH;
        ctx.redirect(PATH + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    private String takeNotice(Context ctx) {
        String notice = ctx.cookie(NOTICE_COOKIE);
        if (notice == null) {
            return null;
        }
        ctx.removeCookie(NOTICE_COOKIE, PATH);
        return URLDecoder.decode(notice, StandardCharsets.UTF_8);
    }

    /** Where to go after login: a console path only, so the login page cannot send anyone elsewhere. */
    private static String next(String asked) {
        if (asked == null || !asked.startsWith(PATH) || asked.startsWith(PATH + "/login") || asked.contains("//")
                || asked.contains("\\") || asked.length() > 512) {
            return PATH;
        }
        return asked;
    }

    /**
     * Sets a console cookie: HttpOnly, SameSite=Strict, limited to {@code /console}, and Secure when the browser came
     * over TLS (to this node or to the proxy in front of it). {@code maxAge} -1 lasts as long as the browser.
     */
    private static void cookie(Context ctx, String name, String value, int maxAge) {
        boolean tls = ctx.scheme().equals("https") || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + PATH + "; HttpOnly; SameSite=Strict"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + (tls ? "; Secure" : ""));
    }

    private static Map<String, String> form(Context ctx) {
        try {
            byte[] body = RequestBody.readAtMost(ctx, MAX_FORM_BYTES)
                    .orElseThrow(() -> new AdminException(413, "The form is larger than 64 KB."));
            return FormBody.parse(body).decode(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new AdminException(400, "The form is not UTF-8.");
        } catch (IOException e) {
            throw new AdminException(400, "The form could not be read.");
        }
    }

    private static boolean sameToken(String given, String expected) {
        return given != null && expected != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}

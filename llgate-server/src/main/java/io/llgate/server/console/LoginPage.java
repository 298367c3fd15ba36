package io.llgate.server.console;

/** The console's login form: the CSRF token of the login cookie, where to go after, and why the last try failed. */
public record LoginPage(String csrf, String next, String error, boolean sandbox, boolean loggedOut) {

    public String csrfField() {
        return Console.CSRF_FIELD;
    }
}

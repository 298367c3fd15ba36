package io.llgate.server.testing;

import static org.awaitility.Awaitility.await;

import io.llgate.server.Gateway;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;

/** An operator at the gateway console in headless Chromium: logs in with the admin token and opens pages. */
public final class ConsoleBrowser implements AutoCloseable {
    private final Chromium chromium;
    private final Gateway gateway;

    private ConsoleBrowser(Chromium chromium, Gateway gateway) {
        this.chromium = chromium;
        this.gateway = gateway;
    }

    /** A browser (or a skipped test where Chromium is missing), not logged in yet. */
    public static ConsoleBrowser open(Gateway gateway) {
        return new ConsoleBrowser(Chromium.start(), gateway);
    }

    public WebDriver driver() {
        return chromium.driver();
    }

    public Chromium chromium() {
        return chromium;
    }

    /** Logs in as {@code actor} with the gateway's admin token. */
    public ConsoleBrowser login(String actor) {
        return login(actor, gateway.settings().adminToken());
    }

    public ConsoleBrowser login(String actor, String token) {
        // A page that sent the browser to log in keeps where it wanted to go; otherwise open the form.
        if (!driver().getCurrentUrl().contains("/console/login")) {
            driver().get(gateway.baseUri() + "/console/login");
        }
        driver().findElement(By.id("token")).clear();
        driver().findElement(By.id("actor")).clear();
        driver().findElement(By.id("token")).sendKeys(token);
        driver().findElement(By.id("actor")).sendKeys(actor);
        driver().findElement(By.id("login")).click();
        return this;
    }

    /** Opens a console path, such as {@code /console/notifications}. */
    public ConsoleBrowser go(String path) {
        driver().get(gateway.baseUri() + path);
        return this;
    }

    /** The text of the element with this id, once the page that has it is loaded (a form's answer may take a while). */
    public String text(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> has(id));
        return driver().findElement(By.id(id)).getText();
    }

    public boolean has(String id) {
        return !driver().findElements(By.id(id)).isEmpty();
    }

    /**
     * Clicks the element with this id. A live page replaces its parts as it updates; an element replaced between being
     * found and being clicked is found again.
     */
    public ConsoleBrowser click(String id) {
        await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class)
                .until(() -> {
                    driver().findElement(By.id(id)).click();
                    return true;
                });
        return this;
    }

    /** Waits until the browser is at an address containing {@code part}. */
    public ConsoleBrowser awaitUrl(String part) {
        await().atMost(Duration.ofSeconds(20)).until(() -> driver().getCurrentUrl().contains(part));
        return this;
    }

    public String url() {
        return driver().getCurrentUrl();
    }

    public String pageText() {
        return driver().findElement(By.tagName("body")).getText();
    }

    /**
     * Waits until the page shows {@code text}: after a click that submits a form, the page read may still be the one
     * the form was on, or be replaced while it is read.
     */
    public ConsoleBrowser awaitText(String text) {
        await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class)
                .until(() -> pageText().contains(text));
        return this;
    }

    @Override
    public void close() {
        chromium.close();
    }
}

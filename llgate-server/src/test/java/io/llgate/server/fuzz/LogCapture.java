package io.llgate.server.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Logback events of the whole JVM, attached to the root logger for the fuzz run: a client's mistake may log
 * at INFO or WARN, never at ERROR and never with a stack trace.
 */
final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.setName("fuzz-capture");
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** Forgets what was logged so far. */
    void clear() {
        // ListAppender appends while holding its own lock (AppenderBase.doAppend is synchronized).
        synchronized (appender) {
            appender.list.clear();
        }
    }

    /** What was logged since the last clear above WARN or with a throwable, one line each. */
    List<String> offending() {
        synchronized (appender) {
            return appender.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + firstLine(e.getFormattedMessage())
                            + (e.getThrowableProxy() == null ? "" : " [" + e.getThrowableProxy().getClassName() + ": "
                            + firstLine(String.valueOf(e.getThrowableProxy().getMessage())) + "]"))
                    .toList();
        }
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}

package io.llgate.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against its own sandbox gateway, started in-process on a random port with an in-memory
 * database and a merchant registered with fresh keys. Test methods, lifecycle methods and constructors can take a
 * {@link Sandbox} and an {@link io.llgate.client.LlGateClient} configured for that merchant as parameters.
 * One sandbox serves the whole class (and its {@code @Nested} classes); test classes never share one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LlGateSandboxExtension.class)
public @interface LlGateSandbox {
    /** The merchant's available balance at start, in yuan. */
    String balance() default "1000000.00";

    /** How long the sandbox bank takes to settle a payout, in milliseconds. */
    long bankDelayMillis() default 0;

    /** Attempts per notification, the first one included. */
    int notifyAttempts() default 5;

    /** Time between notification attempts, in milliseconds. */
    long notifyIntervalMillis() default 200;

    /** Time the merchant has to answer one attempt, in milliseconds. */
    long notifyTimeoutMillis() default 2000;
}

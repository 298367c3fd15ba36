package io.llgate.server.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets each fuzz property's tries and seed: by default its {@link Tries} with a fixed seed, so CI runs the same
 * inputs every time within its time budget; {@code -Dllgate.fuzz.tries=N} (or {@code LLGATE_FUZZ_TRIES}) runs
 * N tries per property and {@code -Dllgate.fuzz.seed=S} another seed ({@code random} for a new one each run).
 */
final class FuzzBudget implements AroundPropertyHook {
    static final String DEFAULT_SEED = "1504202615";

    /** The tries a property runs by default. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Tries {
        int value();
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        // Examples (one try each, such as the canary sweeps) keep their single try.
        java.util.Optional<Tries> budget = context.findAnnotation(Tries.class);
        if (budget.isPresent()) {
            int tries = setting("llgate.fuzz.tries", "LLGATE_FUZZ_TRIES").map(Integer::parseInt)
                    .orElse(budget.get().value());
            context.attributes().setTries(tries);
        }
        String seed = setting("llgate.fuzz.seed", "LLGATE_FUZZ_SEED").orElse(DEFAULT_SEED);
        if (!seed.equalsIgnoreCase("random")) {
            context.attributes().setSeed(seed);
        }
        // Each try is a few HTTP requests; the bounded default (10 s) keeps a failing run near the budget.
        context.attributes().setShrinking(ShrinkingMode.BOUNDED);
        return property.execute();
    }

    static java.util.Optional<String> setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.trim());
    }

    /** Survey mode ({@code -Dllgate.fuzz.survey=true}) records every distinct failure instead of stopping at one. */
    static boolean survey() {
        return setting("llgate.fuzz.survey", "LLGATE_FUZZ_SURVEY").map(Boolean::parseBoolean).orElse(false);
    }
}

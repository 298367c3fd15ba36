package io.llgate.testkit;

import io.llgate.client.LlGateClient;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link LlGateSandbox}: starts the class's sandbox when a parameter first asks for it,
 * keeps it in the class's store, and JUnit closes it when the class is done.
 */
public final class LlGateSandboxExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LlGateSandboxExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Sandbox.class || type == LlGateClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Sandbox sandbox = sandbox(context);
        return parameter.getParameter().getType() == Sandbox.class ? sandbox : sandbox.client();
    }

    /** The sandbox of the class the context belongs to, started on first use. */
    private static Sandbox sandbox(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Sandbox.class,
                key -> Sandbox.start(options(testClass)), Sandbox.class);
    }

    /**
     * The options of the annotation on the class or, for a {@code @Nested} class, on the closest enclosing
     * class; the defaults when the extension was registered without it.
     */
    private static SandboxOptions options(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<LlGateSandbox> found = AnnotationSupport.findAnnotation(c, LlGateSandbox.class);
            if (found.isPresent()) {
                return SandboxOptions.of(found.get());
            }
        }
        return SandboxOptions.defaults();
    }
}

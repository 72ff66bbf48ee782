package io.sluice.stack.junit;

import io.sluice.stack.LocalStack;
import io.sluice.stack.StackStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives integration tests a local stack: one per test JVM, kept in the root store and stopped when the
 * JVM's tests end. Servers start on demand, as test classes ask for them with {@link StackServers}; a
 * {@link StackStatus} parameter (constructor, lifecycle or test method) resolves to the stack's status, a
 * {@link LocalStack} parameter to the stack itself, for tests that {@linkplain LocalStack#stop stop} and
 * {@linkplain LocalStack#restart restart} its servers.
 *
 * <p>With {@code SLUICE_STACK_DIR} naming the run dir of a {@code sluice up} stack, that stack is used
 * (and left running) instead, which saves the start-up in a development loop.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context).ensure(servers(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackStatus.class || type == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == LocalStack.class) {
            return stack(context).own(servers(context));
        }
        return stack(context).ensure(servers(context));
    }

    private static SharedStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedStack.class);
    }

    private static List<String> servers(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        // the nearest annotation, looking out through the classes a @Nested class is in
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<StackServers> servers = AnnotationSupport.findAnnotation(type, StackServers.class);
            if (servers.isPresent()) {
                return List.of(servers.get().value());
            }
        }
        throw new ParameterResolutionException(
                "annotate " + testClass.getName() + " with @StackServers({...}) to say which servers it needs");
    }
}

package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The testkit's public API speaks the JDK's, the protocol's and the SDK's types, never the gateway's: a test written
 * on it does not break when the gateway's insides move.
 */
class PublicApiTest {
    private static final String SERVER = "io.llgate.server";

    @Test
    void noPublicMemberOfAPublicTestkitTypeNamesAServerType() throws Exception {
        List<Class<?>> types = publicTypes();
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : types) {
            check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
            for (Type face : type.getGenericInterfaces()) {
                check(type.getName() + " implements", face, leaks);
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                    check(method.toGenericString() + " returns", method.getGenericReturnType(), leaks);
                    checkSignature(method, leaks);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers())) {
                    checkSignature(constructor, leaks);
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers())) {
                    check(field.toGenericString(), field.getGenericType(), leaks);
                }
            }
        }

        assertThat(types).contains(Sandbox.class, PayoutControls.class, OnlineBankingControls.class,
                RefundControls.class, SentNotification.Attempt.class);
        assertThat(leaks).as("public testkit members that name a type of " + SERVER).isEmpty();
    }

    private static void checkSignature(Executable executable, List<String> leaks) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(executable.toGenericString() + " takes", parameter, leaks);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(executable.toGenericString() + " throws", thrown, leaks);
        }
    }

    /** Every type the type mentions, type arguments, bounds and array elements included. */
    private static void check(String where, Type type, List<String> leaks) {
        switch (type) {
            case null -> {
            }
            case Class<?> c when c.isArray() -> check(where, c.getComponentType(), leaks);
            case Class<?> c -> {
                if (c.getName().startsWith(SERVER + ".")) {
                    leaks.add(where + " " + c.getName());
                }
            }
            case ParameterizedType p -> {
                check(where, p.getRawType(), leaks);
                for (Type argument : p.getActualTypeArguments()) {
                    check(where, argument, leaks);
                }
            }
            case GenericArrayType a -> check(where, a.getGenericComponentType(), leaks);
            case WildcardType w -> {
                Stream.of(w.getUpperBounds()).forEach(b -> check(where, b, leaks));
                Stream.of(w.getLowerBounds()).forEach(b -> check(where, b, leaks));
            }
            case TypeVariable<?> v -> Stream.of(v.getBounds()).forEach(b -> check(where, b, leaks));
            default -> leaks.add(where + " an unknown kind of type " + type);
        }
    }

    /** The public classes of the testkit's main code, nested ones included, found where its classes were compiled. */
    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(Sandbox.class.getPackageName().replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (isPublic(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    /** Public, and inside public classes only: what a test outside the package can name. */
    private static boolean isPublic(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
                return false;
            }
        }
        return true;
    }
}

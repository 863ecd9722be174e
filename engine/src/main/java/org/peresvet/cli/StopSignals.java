package org.peresvet.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Turns SIGTERM and SIGINT into a normal stop. Without this the JVM runs the shutdown hooks and
 * exits with 143 or 130, which service managers count as a failure; with it the engine closes on
 * the main thread and the process exits 0.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only way to handle a signal in Java
 * 17. It is reached by reflection so the build stays free of "internal proprietary API" warnings.
 */
final class StopSignals {
    private StopSignals() {
    }

    /** @return false when the JVM does not let us handle the signals (then shutdown hooks still close the engine) */
    static boolean onStop(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "StopSignals handler";
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : new String[] {"TERM", "INT"}) {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false; // e.g. running with -Xrs, or a JVM without jdk.unsupported
        }
    }
}

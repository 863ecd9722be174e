package org.peresvet.formula;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.peresvet.formula.internal.Builtins;

/**
 * The functions formulas may call, by name. {@link #standard()} holds every built-in function;
 * {@link #register} adds more (a project-specific function, a plug-in).
 */
public final class FunctionRegistry {
    private static final FunctionRegistry STANDARD = new FunctionRegistry(true);

    private final Map<String, FormulaFunction> functions = new ConcurrentHashMap<>();

    private FunctionRegistry(boolean builtins) {
        if (builtins) {
            Builtins.all().forEach(this::register);
        }
    }

    /** The shared registry used by calculated tags and methods: built-ins plus whatever was registered. */
    public static FunctionRegistry standard() {
        return STANDARD;
    }

    /** A new registry with the built-in functions only. */
    public static FunctionRegistry withBuiltins() {
        return new FunctionRegistry(true);
    }

    /** Adds or replaces a function. */
    public FunctionRegistry register(FormulaFunction f) {
        functions.put(f.name(), f);
        return this;
    }

    /** The function of that name, or null. */
    public FormulaFunction get(String name) {
        return functions.get(name);
    }

    /** Every function, sorted by name. */
    public Collection<FormulaFunction> all() {
        return Collections.unmodifiableCollection(new TreeMap<>(functions).values());
    }
}

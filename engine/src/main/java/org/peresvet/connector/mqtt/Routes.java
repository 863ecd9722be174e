package org.peresvet.connector.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peresvet.connector.Binding;

/**
 * Which bindings listen on which topic: exact topics in a hash map (10,000 bound topics cost one
 * lookup per message), filters with wildcards checked one by one. Immutable; rebuilt on every
 * bindings change and swapped in whole.
 */
final class Routes {
    static final Routes EMPTY = new Routes(Map.of(), Map.of());

    private final Map<String, List<Binding>> exact;
    private final Map<String, List<Binding>> wildcard;

    private Routes(Map<String, List<Binding>> exact, Map<String, List<Binding>> wildcard) {
        this.exact = exact;
        this.wildcard = wildcard;
    }

    /** Collects routes: topic filter → bindings. */
    static final class Builder {
        private final Map<String, List<Binding>> exact = new HashMap<>();
        private final Map<String, List<Binding>> wildcard = new LinkedHashMap<>();

        Builder add(String filter, Binding b) {
            (TopicFilter.hasWildcard(filter) ? wildcard : exact).computeIfAbsent(filter, k -> new ArrayList<>(1)).add(b);
            return this;
        }

        Routes build() {
            return new Routes(Map.copyOf(exact), new LinkedHashMap<>(wildcard));
        }
    }

    /** The bindings a message on this topic is for; empty when none. */
    List<Binding> lookup(String topic) {
        List<Binding> direct = exact.get(topic);
        if (wildcard.isEmpty()) {
            return direct == null ? List.of() : direct;
        }
        List<Binding> out = direct == null ? new ArrayList<>() : new ArrayList<>(direct);
        for (Map.Entry<String, List<Binding>> e : wildcard.entrySet()) {
            if (TopicFilter.matches(e.getKey(), topic)) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    /** Every filter, to subscribe. */
    Set<String> filters() {
        Set<String> out = new java.util.HashSet<>(exact.keySet());
        out.addAll(wildcard.keySet());
        return out;
    }
}

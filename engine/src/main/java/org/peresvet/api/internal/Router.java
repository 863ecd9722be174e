package org.peresvet.api.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peresvet.api.ApiAccess;

/**
 * Routes by method and path template ({@code /v1/objects/{id}/copy}). Collections are written
 * with a trailing slash ({@code /v1/data/}); a request may leave it out. The route table is also
 * what the OpenAPI document is checked against.
 */
public final class Router {

    @FunctionalInterface
    public interface Handler {
        void handle(Call call) throws IOException;
    }

    public record Route(String method, String template, ApiAccess access, Handler handler, List<String> segments) {
        Route(String method, String template, ApiAccess access, Handler handler) {
            this(method, template, access, handler, split(template));
        }
    }

    public record Match(Route route, Map<String, String> vars) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, ApiAccess access, Handler handler) {
        routes.add(new Route(method, template, access, handler));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * The route for a request; 404 when no template fits the path, 405 when the method does not.
     *
     * @param rawPath the path as sent (percent-encoded): it is split at its slashes first and each
     *                segment decoded after, so {@code %2F} inside a segment is part of a name
     *                ({@code /v1/tags/%2FStation%2FTank%2FLevel} names the tag by its path)
     */
    public Match match(String method, String rawPath) {
        String path = Call.decode(rawPath, "path", false);
        List<String> parts = segments(rawPath);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> vars = bind(r.segments(), parts);
            if (vars == null) {
                continue;
            }
            if (r.method().equals(method)) {
                return new Match(r, vars);
            }
            allowed.add(r.method());
        }
        if (allowed.isEmpty()) {
            throw ApiError.notFound(null, "no such endpoint: " + path + " (see /v1/openapi.json)");
        }
        throw new ApiError(405, null, method + " is not supported on " + path + " (allowed: " + String.join(", ", allowed) + ")")
                .header("Allow", String.join(", ", allowed));
    }

    /** The methods some route serves on this path (as sent); empty when no template fits it. */
    public Set<String> methodsFor(String rawPath) {
        List<String> parts = segments(rawPath);
        Set<String> methods = new LinkedHashSet<>();
        for (Route r : routes) {
            if (bind(r.segments(), parts) != null) {
                methods.add(r.method());
            }
        }
        return methods;
    }

    private static Map<String, String> bind(List<String> template, List<String> parts) {
        if (template.size() != parts.size()) {
            return null;
        }
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                vars.put(t.substring(1, t.length() - 1), parts.get(i));
            } else if (!t.equals(parts.get(i))) {
                return null;
            }
        }
        return vars;
    }

    /**
     * The decoded segments of a path as sent. An empty segment inside it is kept
     * ({@code /v1/tags//write} has an empty id, answered 404 by the endpoint, not 405); the empty
     * ones before the first and after the last slash are not.
     */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        String[] raw = rawPath.split("/", -1);
        int from = 0;
        int to = raw.length;
        while (from < to && raw[from].isEmpty()) {
            from++;
        }
        if (to > from && raw[to - 1].isEmpty()) {
            to--;
        }
        for (int i = from; i < to; i++) {
            out.add(Call.decode(raw[i], "path", false));
        }
        return out;
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}

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

    /** The route for a request; 404 when no template fits the path, 405 when the method does not. */
    public Match match(String method, String path) {
        List<String> parts = split(path);
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

    /** The methods some route serves on this path; empty when no template fits it. */
    public Set<String> methodsFor(String path) {
        List<String> parts = split(path);
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

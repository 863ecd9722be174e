package org.peresvet.api;

import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one gate every API request passes before an endpoint sees it, in this order:
 * <ol>
 *   <li>{@link #screen}: where the request comes from. {@code Host} must name this server (the bind
 *       address, {@code localhost}, an IP literal or a configured {@code api.hostNames} entry), else
 *       421: a DNS rebinding page names its own host. {@code Origin} (or, without it, {@code Referer})
 *       must be this server's own origin or one of {@code api.allowedOrigins}, else 403: any web page
 *       the operator opens can send requests to 127.0.0.1, and a browser "simple request" needs no
 *       CORS preflight. An allowed origin gets CORS headers.</li>
 *   <li>{@link #preflight}: a CORS preflight of an allowed origin is answered here.</li>
 *   <li>{@link #admit}: what the request does. A body of a changing request must be
 *       {@code application/json} (415: no form or empty types, which browsers send cross-site without
 *       asking), then {@link #authorize} decides who may do it.</li>
 * </ol>
 * The security issue (users, roles, tokens) extends this class and overrides {@link #authorize};
 * the transport never decides any of this on its own. {@code GET /v1/health} passes the
 * origin and host checks, so monitors on other machines keep reading it.
 */
public class RequestGate {
    /** Asked for by a CORS preflight of an allowed origin. */
    static final String ALLOWED_HEADERS = "Content-Type, Authorization, Last-Event-ID, X-Peresvet-Reason";
    static final String EXPOSED_HEADERS = "Location, X-Excess, Content-Disposition";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final ApiConfig config;
    private final ApiAuthorizer authorizer;
    private final Set<String> ownHosts = new LinkedHashSet<>();
    private final Set<String> allowedOrigins;
    private volatile int port;

    /** @param authorizer who may do what (the token check of the config when null) */
    public RequestGate(ApiConfig config, ApiAuthorizer authorizer) {
        this.config = config;
        this.authorizer = authorizer != null ? authorizer : ApiAuthorizer.token(config.token());
        this.port = config.port();
        ownHosts.add("localhost");
        ownHosts.add("127.0.0.1");
        ownHosts.add("[::1]");
        String bind = config.bindAddress().toLowerCase(Locale.ROOT);
        if (!isWildcard(bind)) {
            ownHosts.add(bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
        }
        ownHosts.addAll(config.hostNames());
        this.allowedOrigins = Set.copyOf(config.allowedOrigins());
    }

    /** The port actually listened on (known once the server is bound; 0 in the config picks one). */
    public void bound(int actualPort) {
        this.port = actualPort;
    }

    public ApiConfig config() {
        return config;
    }

    /** A refused request: the status, the header (or field) at fault, the message and headers to send. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String field;
        private final Map<String, String> headers;

        public Refused(int status, String field, String message) {
            this(status, field, message, Map.of());
        }

        public Refused(int status, String field, String message, Map<String, String> headers) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
            this.headers = Map.copyOf(headers);
        }

        public int status() {
            return status;
        }

        public String field() {
            return field;
        }

        public Map<String, String> headers() {
            return headers;
        }
    }

    // ---- 1. where it comes from ----

    /**
     * Checks {@code Host} and {@code Origin}/{@code Referer} of a request (route and access may be
     * null: this runs before routing, so unknown paths are screened too).
     *
     * @return headers to add to the answer (CORS for an allowed origin), possibly empty
     * @throws Refused 421 for a foreign host, 403 for a foreign origin
     */
    public Map<String, String> screen(ApiAuthorizer.Request r) {
        if (isHealth(r)) {
            return Map.of();
        }
        String host = r.header("Host");
        if (host != null && !acceptsHost(host)) {
            throw new Refused(421, "Host", "this server does not answer for host '" + host
                    + "' (a DNS rebinding attempt, or a name missing from the setting api.hostNames)");
        }
        String origin = r.header("Origin");
        String header = "Origin";
        if (origin == null) {
            String referer = r.header("Referer");
            if (referer == null) {
                return Map.of(); // not sent by a browser page: curl, scripts, Grafana's backend
            }
            header = "Referer";
            origin = originOf(referer);
        } else {
            origin = normalOrigin(origin.strip());
        }
        if (origin != null && isOwnOrigin(origin)) {
            return Map.of();
        }
        if (origin != null && allowedOrigins.contains(origin)) {
            Map<String, String> cors = new LinkedHashMap<>();
            cors.put("Access-Control-Allow-Origin", origin);
            cors.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            cors.put("Vary", "Origin");
            return cors;
        }
        String given = header.equals("Origin") ? r.header("Origin") : r.header("Referer");
        throw new Refused(403, header, "requests from the web page at '" + given + "' are not allowed: "
                + "only this server's own origin and the origins listed in the setting api.allowedOrigins may call the API");
    }

    /** True for a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
    public boolean isPreflight(ApiAuthorizer.Request r) {
        return "OPTIONS".equals(r.method()) && r.header("Origin") != null
                && r.header("Access-Control-Request-Method") != null;
    }

    /**
     * The headers of the answer (204) to a preflight that {@link #screen} let through.
     *
     * @param methods the methods the path supports
     */
    public Map<String, String> preflight(ApiAuthorizer.Request r, Set<String> methods) {
        Map<String, String> h = new LinkedHashMap<>(screen(r));
        String origin = normalOrigin(r.header("Origin").strip());
        h.put("Access-Control-Allow-Origin", origin);
        h.put("Access-Control-Allow-Methods", String.join(", ", methods));
        h.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        h.put("Access-Control-Max-Age", "600");
        h.put("Vary", "Origin");
        return h;
    }

    // ---- 2. what it does ----

    /**
     * Checks the body type of a routed request and asks {@link #authorize}.
     *
     * @return the decision (allowed: the principal, for audit)
     * @throws Refused 415 for a changing request whose body is not JSON; 401/403 when not authorized
     */
    public ApiAuthorizer.Decision admit(ApiAuthorizer.Request r, boolean hasBody) {
        checkBodyType(r, hasBody);
        ApiAuthorizer.Decision d = authorize(r);
        if (d == null || !d.allowed()) {
            int status = d == null ? 403 : d.status();
            String message = d == null || d.message() == null ? "not allowed" : d.message();
            throw new Refused(status, "Authorization", message,
                    status == 401 ? Map.of("WWW-Authenticate", "Bearer realm=\"peresvet\"") : Map.of());
        }
        return d;
    }

    /**
     * POST, PUT and PATCH, and any request that has a body, must say {@code application/json}:
     * the form, multipart and text types (and none) are what a foreign page can send without a
     * preflight.
     */
    protected void checkBodyType(ApiAuthorizer.Request r, boolean hasBody) {
        boolean changing = switch (r.method()) {
            case "POST", "PUT", "PATCH" -> true;
            default -> false;
        };
        if (!changing && !hasBody) {
            return;
        }
        String type = r.header("Content-Type");
        if (type != null && isJson(type)) {
            return;
        }
        String got = type == null || type.isBlank() ? "no Content-Type" : "Content-Type '" + type + "'";
        throw new Refused(415, "Content-Type", "the body must be JSON; this request has " + got
                + ". Send the header Content-Type: application/json (with curl: add -H 'Content-Type: application/json')");
    }

    /** Who may do what; the default is the configured {@link ApiAuthorizer}. */
    protected ApiAuthorizer.Decision authorize(ApiAuthorizer.Request r) {
        return authorizer.authorize(r);
    }

    // ---- rules ----

    private static boolean isHealth(ApiAuthorizer.Request r) {
        return ("GET".equals(r.method()) || "HEAD".equals(r.method())) && r.path() != null
                && (r.path().equals("/v1/health") || r.path().equals("/v1/health/"));
    }

    static boolean isJson(String contentType) {
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }

    /** The host part of a Host header names this server: one of its names, or an IP literal. */
    boolean acceptsHost(String hostHeader) {
        String name = hostOf(hostHeader.strip().toLowerCase(Locale.ROOT));
        if (name == null) {
            return false;
        }
        return ownHosts.contains(name) || isIpLiteral(name);
    }

    /** An origin is this server's own when its host is one of our names and its port is ours. */
    boolean isOwnOrigin(String origin) {
        URI u;
        try {
            u = new URI(origin);
        } catch (Exception e) {
            return false;
        }
        if (!"http".equals(u.getScheme()) || u.getHost() == null) {
            return false;
        }
        int p = u.getPort() < 0 ? 80 : u.getPort();
        String h = u.getHost().toLowerCase(Locale.ROOT);
        return p == port && (ownHosts.contains(h) || isLoopbackLiteral(h));
    }

    /** "name:port" or "[v6]:port" to the host (v6 kept in brackets); null when malformed. */
    private static String hostOf(String h) {
        if (h.isEmpty()) {
            return null;
        }
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean isIpLiteral(String h) {
        return IPV4.matcher(h).matches() || (h.startsWith("[") && h.endsWith("]"));
    }

    private static boolean isLoopbackLiteral(String h) {
        if (!isIpLiteral(h)) {
            return false;
        }
        try {
            return InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isWildcard(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") || bind.equals("0:0:0:0:0:0:0:0");
    }

    /** The origin of a Referer URL, or null when it has none (then it is foreign). */
    private static String originOf(String referer) {
        try {
            URI u = new URI(referer.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            return normalOrigin(u.getScheme() + "://" + u.getRawAuthority());
        } catch (Exception e) {
            return null;
        }
    }

    /** Lower case, default port left out; null when it is not an http(s) origin ("null" included). */
    private static String normalOrigin(String origin) {
        try {
            return ApiConfig.origin(origin);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package org.peresvet.api;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peresvet.engine.SecurityAccess;
import org.peresvet.model.Actor;
import org.peresvet.security.LoginException;
import org.peresvet.security.Permission;
import org.peresvet.security.Security;

/**
 * Who is calling, once the project has users: {@code Authorization: Basic} (a user's name and
 * password), {@code Bearer} with a session token from {@code POST /v1/login} or a user's API token,
 * or the configured shared token (a service principal). Without users the project keeps today's
 * rule ({@code fallback}: loopback open, or the shared token). The authorizer only says who; what
 * they may change is decided by the engine facade, which refuses with the permission named (403).
 * {@code POST /v1/login} and {@code GET /v1/health} need no credentials.
 */
public final class UserAuthorizer implements ApiAuthorizer {
    /** A checked Basic credential is trusted again for this long, so each request does not cost a PBKDF2 hash. */
    static final long BASIC_CACHE_MILLIS = 60_000;
    private static final int BASIC_CACHE_MAX = 1_000;

    private final SecurityAccess security;
    private final ApiAuthorizer fallback;
    private final String sharedToken;
    private final Map<String, Cached> basic = new ConcurrentHashMap<>();

    private record Cached(String user, long until) {
    }

    /**
     * @param sharedToken the configured API token (null: none): still accepted as a service principal
     * @param fallback    the rule while the project has no users
     */
    public UserAuthorizer(SecurityAccess security, String sharedToken, ApiAuthorizer fallback) {
        this.security = security;
        this.sharedToken = sharedToken;
        this.fallback = fallback;
    }

    @Override
    public Decision authorize(Request r) {
        if (!security.hasUsers()) {
            return fallback.authorize(r);
        }
        if ("/v1/login".equals(r.route()) || "/v1/health".equals(r.route())) {
            return Decision.allow("anonymous");
        }
        String user = authenticate(r);
        if (user == null) {
            return Decision.unauthorized("this project has users: send 'Authorization: Basic …' with your name and password, "
                    + "or 'Authorization: Bearer <token>' with a token from POST /v1/login or an API token");
        }
        if (user.startsWith("service:")) {
            return Decision.allowService(user.substring("service:".length()));
        }
        Actor actor = new Actor(user, origin(r.remote()), null, Actor.Kind.PERSON);
        // READ somewhere will do: what lies outside the user's subtrees is filtered out or refused per request.
        if (!security.allowsSomewhere(actor, Permission.READ)) {
            return Decision.forbidden("permission READ is needed: user '" + user + "' does not have it");
        }
        return Decision.allow(user);
    }

    /** The user name, "service:token" for the shared token, or null when the credentials are missing or wrong. */
    private String authenticate(Request r) {
        String h = r.header("Authorization");
        if (h == null) {
            return null;
        }
        String token = r.bearerToken();
        if (token != null) {
            if (sharedToken != null && Security.sameSecret(sharedToken, token)) {
                return "service:token";
            }
            String u = security.sessionUser(token);
            return u != null ? u : security.apiTokenUser(token);
        }
        if (h.length() > 6 && h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(h.substring(6).strip(), r.remote());
        }
        return null;
    }

    private String basic(String encoded, InetSocketAddress remote) {
        String key = HexFormat.of().formatHex(sha(encoded));
        long now = System.currentTimeMillis();
        Cached c = basic.get(key);
        if (c != null && c.until > now && security.user(c.user).isPresent()) {
            return c.user;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            Actor a = security.login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray(), origin(remote));
            if (basic.size() >= BASIC_CACHE_MAX) {
                basic.values().removeIf(x -> x.until <= now);
                if (basic.size() >= BASIC_CACHE_MAX) {
                    basic.clear();
                }
            }
            basic.put(key, new Cached(a.name(), now + BASIC_CACHE_MILLIS));
            return a.name();
        } catch (LoginException e) {
            return null;
        }
    }

    private static byte[] sha(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The origin the engine records, as {@code Call} words it. */
    static String origin(InetSocketAddress r) {
        return "api " + (r == null || r.getAddress() == null ? "?" : r.getAddress().getHostAddress());
    }
}

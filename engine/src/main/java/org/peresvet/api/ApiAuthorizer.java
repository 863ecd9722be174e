package org.peresvet.api;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.peresvet.model.Actor;

/**
 * Decides whether an API request may run. Called for every request before its body is read.
 * The default ({@link #token(String)}) checks one bearer token on everything but reads; the
 * security issue (users, roles, LDAP) replaces it through {@link ApiHooks}.
 */
@FunctionalInterface
public interface ApiAuthorizer {

    Decision authorize(Request request);

    /**
     * One request as the authorizer sees it.
     *
     * @param method  HTTP method, upper case
     * @param path    request path, e.g. {@code /v1/tags/…}
     * @param route   the matched route template, e.g. {@code /v1/tags/{id}}
     * @param access  what the request does
     * @param headers request headers (names as sent; use {@link #header(String)} to look one up)
     * @param remote  the client's address
     */
    record Request(String method, String path, String route, ApiAccess access, Map<String, List<String>> headers,
                   InetSocketAddress remote) {

        /** The first value of a header, by case-insensitive name, or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** The token of an {@code Authorization: Bearer <token>} header, or null. */
        public String bearerToken() {
            String h = header("Authorization");
            if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            String t = h.substring(7).strip();
            return t.isEmpty() ? null : t;
        }
    }

    /**
     * The outcome: allowed (with the principal's name, for audit, and its kind), or refused with
     * 401 (who are you?) or 403 (you may not). Only a {@link Actor.Kind#SERVICE SERVICE} principal
     * (a gateway, a script acting for operators) may name another user in a request body; a
     * person is recorded as themselves whatever the body says.
     */
    record Decision(boolean allowed, int status, String message, String principal, Actor.Kind kind) {

        public Decision(boolean allowed, int status, String message, String principal) {
            this(allowed, status, message, principal, Actor.Kind.PERSON);
        }

        /** A person, recorded under their own name. */
        public static Decision allow(String principal) {
            return new Decision(true, 200, null, principal, Actor.Kind.PERSON);
        }

        /** A service principal: a {@code user} in a request body is recorded as acting through it. */
        public static Decision allowService(String principal) {
            return new Decision(true, 200, null, principal, Actor.Kind.SERVICE);
        }

        public static Decision unauthorized(String message) {
            return new Decision(false, 401, message, null, null);
        }

        public static Decision forbidden(String message) {
            return new Decision(false, 403, message, null, null);
        }
    }

    /**
     * Allows everything: an API on loopback without a token. Its callers are trusted tools on this
     * PC, a service principal that may name the operator it acts for.
     */
    static ApiAuthorizer allowAll() {
        return r -> Decision.allowService("anonymous");
    }

    /**
     * Reads are open; every other access needs {@code Authorization: Bearer <token>}. A null
     * token allows everything.
     */
    static ApiAuthorizer token(String token) {
        if (token == null) {
            return allowAll();
        }
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        return r -> {
            if (r.access() == ApiAccess.READ) {
                return Decision.allowService("anonymous");
            }
            String given = r.bearerToken();
            if (given == null) {
                return Decision.unauthorized("this request changes data or the model and needs 'Authorization: Bearer <token>'");
            }
            if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                return Decision.unauthorized("the bearer token is not valid");
            }
            // One shared token is an integration's credential, not a person's: a service principal.
            return Decision.allowService("token");
        };
    }
}

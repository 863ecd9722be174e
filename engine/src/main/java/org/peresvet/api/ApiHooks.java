package org.peresvet.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * Extension points of the API for later capabilities: who may do what ({@link ApiAuthorizer}, or a
 * whole {@link RequestGate} subclass) and what uses a model item ({@link ReferenceFinder}).
 *
 * @param authorizer null: the token check of {@link ApiConfig#token()}
 * @param gate       null: a plain {@link RequestGate} over {@code authorizer}; else makes the gate
 *                   (a subclass that overrides {@link RequestGate#authorize}) from the config
 */
public record ApiHooks(ApiAuthorizer authorizer, ReferenceFinder references, Function<ApiConfig, RequestGate> gate) {

    public ApiHooks {
        references = Objects.requireNonNullElse(references, ReferenceFinder.NONE);
    }

    public ApiHooks(ApiAuthorizer authorizer, ReferenceFinder references) {
        this(authorizer, references, null);
    }

    /** The token check of the config and no references. */
    public static ApiHooks defaults() {
        return new ApiHooks(null, ReferenceFinder.NONE, null);
    }

    public ApiHooks withAuthorizer(ApiAuthorizer a) {
        return new ApiHooks(a, references, gate);
    }

    public ApiHooks withReferences(ReferenceFinder r) {
        return new ApiHooks(authorizer, r, gate);
    }

    /** A gate of your own (the security capability's), made once the config is known. */
    public ApiHooks withGate(Function<ApiConfig, RequestGate> g) {
        return new ApiHooks(authorizer, references, g);
    }
}

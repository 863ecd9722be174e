package org.peresvet.api;

import java.util.Objects;

/**
 * Extension points of the API for later capabilities: who may do what ({@link ApiAuthorizer}) and
 * what uses a model item ({@link ReferenceFinder}).
 *
 * @param authorizer null: the token check of {@link ApiConfig#token()}
 */
public record ApiHooks(ApiAuthorizer authorizer, ReferenceFinder references) {

    public ApiHooks {
        references = Objects.requireNonNullElse(references, ReferenceFinder.NONE);
    }

    /** The token check of the config and no references. */
    public static ApiHooks defaults() {
        return new ApiHooks(null, ReferenceFinder.NONE);
    }

    public ApiHooks withAuthorizer(ApiAuthorizer a) {
        return new ApiHooks(a, references);
    }

    public ApiHooks withReferences(ReferenceFinder r) {
        return new ApiHooks(authorizer, r);
    }
}

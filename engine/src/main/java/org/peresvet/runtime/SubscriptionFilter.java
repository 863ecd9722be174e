package org.peresvet.runtime;

import java.util.Set;
import java.util.UUID;

/** What a subscriber wants: every tag, a set of tags, or the tags of an object subtree. */
public record SubscriptionFilter(Kind kind, Set<UUID> tags, UUID subtreeRoot) {

    public enum Kind { ALL, TAGS, SUBTREE }

    public static SubscriptionFilter all() {
        return new SubscriptionFilter(Kind.ALL, Set.of(), null);
    }

    public static SubscriptionFilter tags(Set<UUID> tagIds) {
        return new SubscriptionFilter(Kind.TAGS, Set.copyOf(tagIds), null);
    }

    public static SubscriptionFilter tag(UUID tagId) {
        return tags(Set.of(tagId));
    }

    public static SubscriptionFilter subtree(UUID objectId) {
        return new SubscriptionFilter(Kind.SUBTREE, Set.of(), objectId);
    }
}

package org.peresvet.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.peresvet.model.io.StrictJson;
import org.peresvet.model.io.StrictJsonException;

/**
 * A project-level document that is not part of the object tree: a saved trend, a mnemonic screen,
 * a library symbol. The model stores and versions it like any other definition (one undoable edit,
 * the model file, the project export); what its body means is up to the feature that owns its kind.
 *
 * @param kind a short lower-case word naming the owner ({@code trend}, {@code screen}, …)
 * @param name unique per kind, ignoring case; follows the model's name rule
 * @param body the document itself, a JSON object as text
 */
public record DocumentDef(UUID id, String kind, String name, String body) {
    /** Bodies are kept whole in memory and in one row: a screen of thousands of widgets fits easily. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public DocumentDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }

    public DocumentDef withName(String newName) {
        return new DocumentDef(id, kind, newName, body);
    }

    public DocumentDef withBody(String newBody) {
        return new DocumentDef(id, kind, name, newBody);
    }

    /** Checks kind, name and body; throws a {@link ModelException} naming what is wrong. */
    public void validate() {
        String where = kind + " " + name;
        if (!KIND.matcher(kind).matches()) {
            throw new ModelException(where, "kind", "must be a lower-case word of at most 32 letters, digits or '-'");
        }
        Names.check(name, where, "name");
        if (body.length() > MAX_BODY_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new ModelException(where, "body", "is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MB");
        }
        JsonNode node;
        try {
            node = StrictJson.read(body);
        } catch (StrictJsonException e) {
            throw new ModelException(where, "body", "is not valid JSON: " + e.getMessage());
        }
        if (!node.isObject()) {
            throw new ModelException(where, "body", "must be a JSON object");
        }
    }
}

package org.peresvet.formula;

import java.util.UUID;

/**
 * A tag a formula reads. {@code slot} is its index in {@link CompiledFormula#inputs()} and the
 * index a {@link ValueSource} is asked for.
 *
 * @param path the absolute path the reference resolved to
 */
public record TagRef(int slot, UUID id, String path, FormulaType type) {
}

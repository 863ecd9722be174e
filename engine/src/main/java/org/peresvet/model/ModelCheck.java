package org.peresvet.model;

import java.util.List;
import java.util.ServiceLoader;

/**
 * A rule that needs the whole model, checked by {@link ModelSnapshot#apply} after every edit, so
 * an invalid model is never stored. Capabilities above the model (formulas: syntax, unknown tags,
 * cycles; alarms: expressions) provide one through {@code META-INF/services/org.peresvet.model.ModelCheck},
 * so the model depends on none of them.
 */
public interface ModelCheck {
    /**
     * @param after   the model the edits produce
     * @param applied the applied edits (deletions expanded)
     * @throws ModelException naming the item and the field at fault
     */
    void check(ModelSnapshot after, List<ModelEdit> applied);

    /** Every check on the class path, loaded once. */
    static List<ModelCheck> installed() {
        return Holder.CHECKS;
    }

    /** Lazy holder: the checks are found once, on first use. */
    final class Holder {
        private static final List<ModelCheck> CHECKS = ServiceLoader.load(ModelCheck.class, ModelCheck.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();

        private Holder() {
        }
    }
}

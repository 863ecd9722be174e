package org.peresvet.formula;

import java.time.ZoneId;
import java.util.Collection;
import java.util.UUID;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/** What compiling a formula needs to know: where relative paths start, which tags exist, which functions. */
public interface FormulaContext {

    /** A tag a path resolved to. {@code type} is null for a tag formulas cannot read (json). */
    record Resolved(UUID id, FormulaType type, String typeLabel) {
    }

    /** The object path relative references start from, e.g. {@code /Station/Tank}; "/" for none. */
    String basePath();

    /** The tag at an absolute, normalised path, or null. */
    Resolved tag(String absolutePath);

    /** Every tag path, for "did you mean" suggestions. */
    Collection<String> tagPaths();

    default FunctionRegistry functions() {
        return FunctionRegistry.standard();
    }

    default ZoneId zone() {
        return ZoneId.systemDefault();
    }

    /** Paths resolve against a model; relative ones from the object of {@code owner} (may be null). */
    static FormulaContext of(ModelSnapshot model, TagDef owner) {
        return of(model, owner == null ? "/" : model.objectPath(owner.objectId()));
    }

    /** Paths resolve against a model; relative ones from the object at {@code basePath}. */
    static FormulaContext of(ModelSnapshot model, String basePath) {
        return new FormulaContext() {
            @Override
            public String basePath() {
                return basePath;
            }

            @Override
            public Resolved tag(String absolutePath) {
                return model.findTag(absolutePath)
                        .map(t -> new Resolved(t.id(), FormulaType.of(t.type()), t.type().label()))
                        .orElse(null);
            }

            @Override
            public Collection<String> tagPaths() {
                return model.tags().stream().map(t -> model.tagPath(t.id())).toList();
            }
        };
    }
}

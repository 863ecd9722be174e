package org.peresvet.formula;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.peresvet.model.Sample;

/** A small tag namespace and current values for formula tests, with a settable time. */
final class FormulaFixture implements FormulaContext {
    private final Map<String, Resolved> tags = new LinkedHashMap<>();
    private final Map<String, Sample> values = new HashMap<>();
    private String base = "/Station/Tank";
    long time = 1_000_000_000L;

    FormulaFixture() {
        tag("/Station/Tank/Level", FormulaType.NUMBER);
        tag("/Station/Tank/Volume", FormulaType.NUMBER);
        tag("/Station/Pump1/Running", FormulaType.BOOL);
        tag("/Station/Pump2/Running", FormulaType.BOOL);
        tag("/Station/Pump1/Mode", FormulaType.STRING);
        tag("/a", FormulaType.NUMBER);
        tag("/b", FormulaType.NUMBER);
        tag("/c", FormulaType.NUMBER);
        tags.put("/Station/Config", new Resolved(UUID.randomUUID(), null, "json"));
    }

    FormulaFixture tag(String path, FormulaType type) {
        tags.put(path, new Resolved(UUID.randomUUID(), type, type.name().toLowerCase()));
        return this;
    }

    FormulaFixture base(String b) {
        base = b;
        return this;
    }

    FormulaFixture set(String path, Object y) {
        values.put(path, Sample.of(time, y));
        return this;
    }

    FormulaFixture set(String path, Object y, Integer q) {
        values.put(path, new Sample(time, y, q));
        return this;
    }

    @Override
    public String basePath() {
        return base;
    }

    @Override
    public Resolved tag(String absolutePath) {
        return tags.get(absolutePath);
    }

    @Override
    public Collection<String> tagPaths() {
        return tags.keySet();
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    CompiledFormula compile(String text) {
        return Formulas.compile(text, this);
    }

    ValueSource source(CompiledFormula f) {
        return slot -> values.get(f.inputs().get(slot).path());
    }

    Sample eval(String text) {
        CompiledFormula f = compile(text);
        return f.evaluate(source(f), time);
    }

    Object value(String text) {
        Sample s = eval(text);
        if (!s.isGood()) {
            throw new AssertionError(text + " gave quality " + s.q());
        }
        return s.y();
    }
}

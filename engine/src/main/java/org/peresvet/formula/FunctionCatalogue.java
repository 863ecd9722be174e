package org.peresvet.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a person needs to pick a function: its signature and one line on what it does. Built-in
 * functions are described here (docs/formulas.md says the same at length); a registered function
 * shows its usage only.
 */
public final class FunctionCatalogue {
    private FunctionCatalogue() {
    }

    /** A function as an editor lists it. */
    public record Entry(String name, String signature, String description, boolean stateful) {
    }

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("if", "then when the condition is true, else the other; only the chosen branch is evaluated"),
            Map.entry("abs", "absolute value"),
            Map.entry("min", "the smallest of the arguments"),
            Map.entry("max", "the largest of the arguments"),
            Map.entry("round", "to the nearest integer (halves up), or to that many decimals"),
            Map.entry("floor", "the largest integer not above x"),
            Map.entry("ceil", "the smallest integer not below x"),
            Map.entry("sqrt", "square root"),
            Map.entry("pow", "x to the power y (same as x ^ y)"),
            Map.entry("exp", "e to the power x"),
            Map.entry("ln", "natural logarithm"),
            Map.entry("log10", "logarithm to base 10"),
            Map.entry("clamp", "x limited to [low, high]"),
            Map.entry("sum", "the sum of the arguments"),
            Map.entry("avg", "the mean of the arguments"),
            Map.entry("count", "how many arguments are good (booleans: good and true); never bad itself"),
            Map.entry("isGood", "true when x was computed from good inputs only"),
            Map.entry("valueOr", "x, or the default when x is bad, missing or not a finite number"),
            Map.entry("quality", "the quality code of the first bad input x read, or 0"),
            Map.entry("now", "the evaluation time in seconds since 1970-01-01 UTC"),
            Map.entry("hour", "hour of the evaluation time (0-23, project time zone)"),
            Map.entry("minute", "minute of the evaluation time"),
            Map.entry("second", "second of the evaluation time"),
            Map.entry("dayOfWeek", "day of the week of the evaluation time: 1 Monday … 7 Sunday"),
            Map.entry("day", "day of the month of the evaluation time"),
            Map.entry("month", "month (1-12) of the evaluation time"),
            Map.entry("prev", "the value x had at the previous evaluation"),
            Map.entry("delta", "x minus its previous value (first time 0)"),
            Map.entry("rate", "change of x per second since the previous evaluation"),
            Map.entry("integral", "time integral of x in x·seconds (trapezoids)"),
            Map.entry("totalizer", "time integral of x in x·seconds, e.g. totalizer({Flow} / 3600) m³/h → m³"),
            Map.entry("avgOver", "time-weighted average of x over the last seconds"),
            Map.entry("carried", "the tag's own value from before the engine started (its last stored value), else the default: carried(0) + timeTrue({Running}) / 3600 goes on after a restart"),
            Map.entry("minOver", "smallest value of x during the last seconds"),
            Map.entry("maxOver", "largest value of x during the last seconds"),
            Map.entry("lowpass", "first-order filter of x with that time constant in seconds"),
            Map.entry("hysteresis", "true from x ≥ high until x ≤ low, then false until x ≥ high again"),
            Map.entry("timeTrue", "seconds during which the condition was true (run hours: /3600)"),
            Map.entry("risingEdges", "how many times the condition went from false to true"));

    /** Every function of the registry, sorted by name. */
    public static List<Entry> of(FunctionRegistry registry) {
        List<Entry> out = new ArrayList<>();
        for (FormulaFunction f : registry.all()) {
            out.add(entry(f));
        }
        return out;
    }

    /** The entry of one function. */
    public static Entry entry(FormulaFunction f) {
        return new Entry(f.name(), f.usage(), DESCRIPTIONS.getOrDefault(f.name(), ""), f.stateful());
    }
}

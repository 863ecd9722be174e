package org.peresvet.app.trend;

import java.util.UUID;
import org.peresvet.model.TagDef;

/**
 * One pen of a trend: the tag it draws and how. Changed on the FX thread only.
 *
 * @see TrendSpec for how pens are saved
 */
public final class TrendPen {
    /** Restrained, distinguishable pen colours on a grey ISA-101 background (and on the dark theme). */
    static final String[] PALETTE = {"#1f5fa8", "#b5651d", "#2e7d32", "#7b3fa0", "#00838f", "#8d6e00", "#ad1457", "#455a64"};

    private final UUID tagId;
    private String color;
    private double width;
    private boolean visible = true;
    /** On its state lane (true) or drawn as a value (false); null: as the tag's definition says. */
    private Boolean lane;

    public TrendPen(UUID tagId, String color, double width) {
        this.tagId = tagId;
        this.color = color;
        this.width = width;
    }

    public UUID tagId() {
        return tagId;
    }

    public String color() {
        return color;
    }

    public void color(String c) {
        this.color = c;
    }

    public double width() {
        return width;
    }

    public void width(double w) {
        this.width = Math.max(0.5, Math.min(6, w));
    }

    public boolean visible() {
        return visible;
    }

    public void visible(boolean v) {
        this.visible = v;
    }

    public Boolean lane() {
        return lane;
    }

    public void lane(Boolean onLane) {
        this.lane = onLane;
    }

    /** The states to draw this pen's tag with on a lane, or null to draw it as a value. */
    String[] states(TagDef t) {
        String[] s = t == null ? null : TrendMath.states(t);
        return s != null && !Boolean.FALSE.equals(lane) ? s : null;
    }
}

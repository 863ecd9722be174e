package org.peresvet.app.mnemonic.editor;

/** Colour text as the screen model stores it ({@code #RRGGBB}); toolkit-free. */
final class Colours {
    /** Above this saturation (HSV) a colour reads as a signal rather than a grey. */
    private static final double SIGNAL_SATURATION = 0.35;

    private Colours() {
    }

    /** Whether {@code c} is a colour like #RRGGBB or #RGB. */
    static boolean valid(String c) {
        return c != null && c.matches("#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})");
    }

    /** Whether {@code c} is a clearly coloured (not grey, not near black) colour. */
    static boolean saturated(String c) {
        if (!valid(c)) {
            return false;
        }
        String h = c.length() == 4 ? "" + c.charAt(1) + c.charAt(1) + c.charAt(2) + c.charAt(2) + c.charAt(3) + c.charAt(3)
                : c.substring(1);
        int rgb = Integer.parseInt(h, 16);
        double r = (rgb >> 16 & 0xFF) / 255.0;
        double g = (rgb >> 8 & 0xFF) / 255.0;
        double b = (rgb & 0xFF) / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double saturation = max == 0 ? 0 : (max - min) / max;
        return saturation > SIGNAL_SATURATION && max > 0.3;
    }
}

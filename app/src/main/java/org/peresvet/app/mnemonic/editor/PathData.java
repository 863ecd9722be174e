package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SVG path data flattened into point lists, one per subpath (curves become short straight steps). */
final class PathData {
    static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern TOKEN = Pattern.compile("[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

    private PathData() {
    }

    /** Whether a flattened subpath was closed (its last point repeats its first). */
    static boolean closed(double[] pts) {
        int n = pts.length;
        return n >= 6 && pts[0] == pts[n - 2] && pts[1] == pts[n - 1];
    }

    static List<double[]> flatten(String d, int steps) {
        List<double[]> out = new ArrayList<>();
        if (d == null) {
            return out;
        }
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(d);
        while (m.find()) {
            tokens.add(m.group());
            if (tokens.size() > 200_000) {
                throw new IllegalArgumentException("a path has too many numbers");
            }
        }
        List<Double> cur = new ArrayList<>();
        double x = 0;
        double y = 0;
        double sx = 0;
        double sy = 0;
        double lcx = 0;
        double lcy = 0;
        char cmd = 'M';
        char prev = ' ';
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            if (Character.isLetter(t.charAt(0))) {
                cmd = t.charAt(0);
                i++;
                if (cmd == 'Z' || cmd == 'z') {
                    if (!cur.isEmpty()) {
                        cur.add(sx);
                        cur.add(sy);
                        out.add(toArray(cur));
                        cur = new ArrayList<>();
                    }
                    x = sx;
                    y = sy;
                    prev = cmd;
                    continue;
                }
            }
            boolean rel = Character.isLowerCase(cmd);
            double ox = rel ? x : 0;
            double oy = rel ? y : 0;
            int need = switch (Character.toUpperCase(cmd)) {
                case 'H', 'V' -> 1;
                case 'M', 'L', 'T' -> 2;
                case 'S', 'Q' -> 4;
                case 'C' -> 6;
                case 'A' -> 7;
                default -> 0;
            };
            if (need == 0 || i + need > tokens.size() || !isNumbers(tokens, i, need)) {
                break; // malformed: keep what was read so far
            }
            double[] v = new double[need];
            for (int k = 0; k < need; k++) {
                v[k] = Double.parseDouble(tokens.get(i + k));
            }
            i += need;
            switch (Character.toUpperCase(cmd)) {
                case 'M' -> {
                    if (cur.size() >= 4) {
                        out.add(toArray(cur));
                    }
                    cur = new ArrayList<>();
                    x = ox + v[0];
                    y = oy + v[1];
                    sx = x;
                    sy = y;
                    add(cur, x, y);
                    cmd = rel ? 'l' : 'L'; // further pairs are line-tos
                }
                case 'L' -> {
                    x = ox + v[0];
                    y = oy + v[1];
                    add(cur, x, y);
                }
                case 'H' -> {
                    x = ox + v[0];
                    add(cur, x, y);
                }
                case 'V' -> {
                    y = oy + v[0];
                    add(cur, x, y);
                }
                case 'C', 'S' -> {
                    double c1x;
                    double c1y;
                    int o = 0;
                    if (Character.toUpperCase(cmd) == 'C') {
                        c1x = ox + v[0];
                        c1y = oy + v[1];
                        o = 2;
                    } else {
                        boolean after = "CcSs".indexOf(prev) >= 0;
                        c1x = after ? 2 * x - lcx : x;
                        c1y = after ? 2 * y - lcy : y;
                    }
                    double c2x = ox + v[o];
                    double c2y = oy + v[o + 1];
                    double ex = ox + v[o + 2];
                    double ey = oy + v[o + 3];
                    for (int s = 1; s <= steps; s++) {
                        double u = (double) s / steps;
                        double w = 1 - u;
                        add(cur, w * w * w * x + 3 * w * w * u * c1x + 3 * w * u * u * c2x + u * u * u * ex,
                                w * w * w * y + 3 * w * w * u * c1y + 3 * w * u * u * c2y + u * u * u * ey);
                    }
                    lcx = c2x;
                    lcy = c2y;
                    x = ex;
                    y = ey;
                }
                case 'Q', 'T' -> {
                    double qx;
                    double qy;
                    int o = 0;
                    if (Character.toUpperCase(cmd) == 'Q') {
                        qx = ox + v[0];
                        qy = oy + v[1];
                        o = 2;
                    } else {
                        boolean after = "QqTt".indexOf(prev) >= 0;
                        qx = after ? 2 * x - lcx : x;
                        qy = after ? 2 * y - lcy : y;
                    }
                    double ex = ox + v[o];
                    double ey = oy + v[o + 1];
                    for (int s = 1; s <= steps; s++) {
                        double u = (double) s / steps;
                        double w = 1 - u;
                        add(cur, w * w * x + 2 * w * u * qx + u * u * ex, w * w * y + 2 * w * u * qy + u * u * ey);
                    }
                    lcx = qx;
                    lcy = qy;
                    x = ex;
                    y = ey;
                }
                case 'A' -> {
                    // An arc is drawn as the straight chord to its end point.
                    x = ox + v[5];
                    y = oy + v[6];
                    add(cur, x, y);
                }
                default -> {
                }
            }
            prev = cmd;
        }
        if (cur.size() >= 4) {
            out.add(toArray(cur));
        }
        return out;
    }

    private static boolean isNumbers(List<String> tokens, int from, int count) {
        for (int k = from; k < from + count; k++) {
            if (Character.isLetter(tokens.get(k).charAt(0))) {
                return false;
            }
        }
        return true;
    }

    private static void add(List<Double> pts, double x, double y) {
        if (pts.size() > 100_000) {
            throw new IllegalArgumentException("a path has too many points");
        }
        pts.add(x);
        pts.add(y);
    }

    private static double[] toArray(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}

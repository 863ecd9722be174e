package org.peresvet.app.mnemonic.editor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * An SVG drawing turned into screen widgets, so an engineer's P&amp;ID drawing becomes a live
 * symbol: rect → rectangle, circle and ellipse → ellipse, line → line, polyline, polygon and path
 * → polyline (curves flattened), text → label, g → group. An element with an {@code id} keeps it
 * as its widget id, so its fill, stroke, visibility, rotation and text can be bound like any
 * widget's; the others get generated ids.
 *
 * <p>The file is hostile input: no DOCTYPE, no external entities or XInclude, at most
 * {@link #MAX_BYTES} and {@link #MAX_ELEMENTS} elements; anything else is refused with the reason.
 * Toolkit-free.
 */
public final class SvgImport {
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_ELEMENTS = 5_000;
    /** Points a flattened curve segment gets. */
    private static final int CURVE_STEPS = 8;

    /**
     * The drawing as widgets relative to its top-left corner.
     *
     * @param parts the ids taken over from the drawing (the bindable parts), in document order
     */
    public record Result(double width, double height, List<WidgetDef> widgets, List<String> parts) {
    }

    private final Set<String> ids = new HashSet<>();
    private final List<String> parts = new ArrayList<>();
    private int elements;

    private SvgImport() {
    }

    /**
     * Reads an SVG document.
     *
     * @throws IllegalArgumentException saying why the file is refused
     */
    public static Result read(byte[] svg) {
        if (svg.length > MAX_BYTES) {
            throw new IllegalArgumentException("the drawing is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        Document doc;
        try {
            doc = parser().parse(new ByteArrayInputStream(svg));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not a readable SVG drawing: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"svg".equals(local(root))) {
            throw new IllegalArgumentException("not an SVG drawing: the root element is <" + root.getTagName() + ">");
        }
        return new SvgImport().convert(root);
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // A DOCTYPE is where entity bombs and external entities live; an SVG needs none.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Result convert(Element svg) {
        double[] vb = numbers(svg.getAttribute("viewBox"));
        double width = length(svg.getAttribute("width"), vb.length == 4 ? vb[2] : 100);
        double height = length(svg.getAttribute("height"), vb.length == 4 ? vb[3] : 100);
        Affine t = Affine.IDENTITY;
        if (vb.length == 4 && vb[2] > 0 && vb[3] > 0) {
            t = Affine.scale(width / vb[2], height / vb[3]).times(Affine.translate(-vb[0], -vb[1]));
        }
        List<WidgetDef> out = children(svg, t, Style.ROOT);
        return new Result(width, height, out, List.copyOf(parts));
    }

    private List<WidgetDef> children(Element parent, Affine t, Style inherited) {
        List<WidgetDef> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (++elements > MAX_ELEMENTS) {
                    throw new IllegalArgumentException("the drawing has more than " + MAX_ELEMENTS + " elements");
                }
                Affine here = t.times(Affine.parse(e.getAttribute("transform")));
                Style style = inherited.with(e);
                if (List.of("g", "a", "switch").contains(local(e)) && e.getAttribute("id").isEmpty() && !"none".equals(style.display)) {
                    // An anonymous group only structures the file: its children stand on their own.
                    out.addAll(children(e, here, style));
                    continue;
                }
                WidgetDef w = element(e, here, style);
                if (w != null) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private WidgetDef element(Element e, Affine t, Style s) {
        String tag = local(e);
        if ("none".equals(s.display)) {
            return null;
        }
        switch (tag) {
            case "g", "a", "switch" -> {
                List<WidgetDef> kids = children(e, t, s);
                return kids.isEmpty() ? null : WidgetDef.group(id(e, "group"), kids);
            }
            case "rect" -> {
                double x = num(e, "x");
                double y = num(e, "y");
                double w = num(e, "width");
                double h = num(e, "height");
                if (!t.keepsAxes()) {
                    return polygon(e, t, s, new double[] {x, y, x + w, y, x + w, y + h, x, y + h}, true);
                }
                double[] p = t.apply(x, y);
                WidgetDef r = shape(WidgetDef.of(id(e, "rectangle"), WidgetTypes.RECTANGLE), s, t)
                        .at(round(Math.min(p[0], p[0] + w * t.a)), round(Math.min(p[1], p[1] + h * t.d)))
                        .size(round(Math.abs(w * t.a)), round(Math.abs(h * t.d)));
                double rx = num(e, "rx");
                return rx > 0 ? r.with("arc", round(2 * rx * Math.abs(t.a))) : r;
            }
            case "circle", "ellipse" -> {
                double cx = num(e, "cx");
                double cy = num(e, "cy");
                double rx = tag.equals("circle") ? num(e, "r") : num(e, "rx");
                double ry = tag.equals("circle") ? num(e, "r") : num(e, "ry");
                if (!t.keepsAxes()) {
                    double[] pts = new double[2 * 24];
                    for (int i = 0; i < 24; i++) {
                        pts[2 * i] = cx + rx * Math.cos(2 * Math.PI * i / 24);
                        pts[2 * i + 1] = cy + ry * Math.sin(2 * Math.PI * i / 24);
                    }
                    return polygon(e, t, s, pts, true);
                }
                double[] c = t.apply(cx, cy);
                double w = Math.abs(2 * rx * t.a);
                double h = Math.abs(2 * ry * t.d);
                return shape(WidgetDef.of(id(e, "ellipse"), WidgetTypes.ELLIPSE), s, t)
                        .at(round(c[0] - w / 2), round(c[1] - h / 2)).size(round(w), round(h));
            }
            case "line" -> {
                return line(e, t, s, new double[] {num(e, "x1"), num(e, "y1"), num(e, "x2"), num(e, "y2")});
            }
            case "polyline", "polygon" -> {
                return polygon(e, t, s, numbers(e.getAttribute("points")), tag.equals("polygon"));
            }
            case "path" -> {
                List<double[]> subpaths = PathData.flatten(e.getAttribute("d"), CURVE_STEPS);
                if (subpaths.isEmpty()) {
                    return null;
                }
                if (subpaths.size() == 1) {
                    return polygon(e, t, s, subpaths.get(0), PathData.closed(subpaths.get(0)));
                }
                List<WidgetDef> pieces = new ArrayList<>();
                String gid = id(e, "path");
                for (double[] sp : subpaths) {
                    WidgetDef p = polygon(null, t, s, sp, PathData.closed(sp));
                    if (p != null) {
                        pieces.add(p);
                    }
                }
                return WidgetDef.group(gid, pieces);
            }
            case "text" -> {
                String text = e.getTextContent() == null ? "" : e.getTextContent().strip().replaceAll("\\s+", " ");
                if (text.isEmpty()) {
                    return null;
                }
                double size = s.fontSize * Math.abs(t.d);
                double[] p = t.apply(num(e, "x"), num(e, "y"));
                // SVG places text on its baseline; a label's box starts at its top.
                return WidgetDef.of(id(e, "label"), WidgetTypes.LABEL).with("text", text)
                        .with("fontSize", round(size)).at(round(p[0]), round(p[1] - size))
                        .size(round(Math.max(8, text.length() * size * 0.6)), round(size * 1.3));
            }
            default -> {
                return null; // defs, style, metadata, title, images: not drawn as widgets
            }
        }
    }

    private WidgetDef line(Element e, Affine t, Style s, double[] pts) {
        return points(WidgetDef.of(id(e, "line"), WidgetTypes.LINE), t, pts).with("stroke", s.stroke)
                .with("lineWidth", round(Math.max(0.5, s.strokeWidth * t.scale())));
    }

    private WidgetDef polygon(Element e, Affine t, Style s, double[] pts, boolean closed) {
        if (pts.length < 4) {
            return null;
        }
        WidgetDef w = points(WidgetDef.of(e == null ? fresh("polyline") : id(e, "polyline"), WidgetTypes.POLYLINE), t, pts)
                .with("stroke", s.stroke.isEmpty() && !s.fill.isEmpty() ? s.fill : s.stroke)
                .with("lineWidth", round(Math.max(0.5, s.strokeWidth * t.scale())));
        if (closed) {
            w = w.with("closed", true);
        }
        if (w.widgetType().property("fill") != null) {
            w = w.with("fill", s.fill);
        }
        return w;
    }

    /** Points made relative to their top-left corner, which becomes the widget's x, y. */
    private static WidgetDef points(WidgetDef w, Affine t, double[] pts) {
        double[] abs = new double[pts.length - pts.length % 2];
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < pts.length; i += 2) {
            double[] p = t.apply(pts[i], pts[i + 1]);
            abs[i] = p[0];
            abs[i + 1] = p[1];
            x0 = Math.min(x0, p[0]);
            y0 = Math.min(y0, p[1]);
        }
        List<Double> rel = new ArrayList<>(abs.length);
        for (int i = 0; i < abs.length; i += 2) {
            rel.add(round(abs[i] - x0));
            rel.add(round(abs[i + 1] - y0));
        }
        return w.at(round(x0), round(y0)).with("points", rel);
    }

    private static WidgetDef shape(WidgetDef w, Style s, Affine t) {
        return w.with("fill", s.fill).with("stroke", s.stroke).with("lineWidth", round(Math.max(0.5, s.strokeWidth * t.scale())));
    }

    /** The element's own id made a valid widget id (a bindable part), or a generated one. */
    private String id(Element e, String kind) {
        String raw = e.getAttribute("id");
        if (raw.isEmpty()) {
            return fresh(kind);
        }
        String clean = raw.replaceAll("[^A-Za-z0-9_.-]", "_");
        clean = clean.length() > 60 ? clean.substring(0, 60) : clean;
        String id = ids.contains(clean) ? ScreenEdits.uniqueId(ids, clean + "_") : clean;
        ids.add(id);
        parts.add(id);
        return id;
    }

    private String fresh(String kind) {
        String id = ScreenEdits.uniqueId(ids, "svg-" + kind);
        ids.add(id);
        return id;
    }

    private static String local(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static double num(Element e, String attr) {
        return length(e.getAttribute(attr), 0);
    }

    /** A length like "12", "12.5px" or "3pt"; percentages and units other than px/pt give {@code dflt}. */
    static double length(String v, double dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        String s = v.strip().toLowerCase(Locale.ROOT);
        double factor = 1;
        if (s.endsWith("px")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("pt")) {
            s = s.substring(0, s.length() - 2);
            factor = 4.0 / 3;
        }
        try {
            double d = Double.parseDouble(s) * factor;
            return Double.isFinite(d) ? d : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** Every number in a list like "0 0 100 50" or "1,2 3,4". */
    static double[] numbers(String v) {
        if (v == null || v.isBlank()) {
            return new double[0];
        }
        List<Double> out = new ArrayList<>();
        var m = PathData.NUMBER.matcher(v);
        while (m.find()) {
            double d = Double.parseDouble(m.group());
            if (Double.isFinite(d)) {
                out.add(d);
            }
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Presentation attributes and inline style, inherited down the tree. */
    private record Style(String fill, String stroke, double strokeWidth, double fontSize, String display) {
        static final Style ROOT = new Style("#000000", "", 1, 16, "");

        Style with(Element e) {
            Map<String, String> a = new LinkedHashMap<>();
            for (String k : List.of("fill", "stroke", "stroke-width", "font-size", "display")) {
                if (e.hasAttribute(k)) {
                    a.put(k, e.getAttribute(k).strip());
                }
            }
            for (String decl : e.getAttribute("style").split(";")) {
                int colon = decl.indexOf(':');
                if (colon > 0) {
                    a.put(decl.substring(0, colon).strip().toLowerCase(Locale.ROOT), decl.substring(colon + 1).strip());
                }
            }
            return new Style(a.containsKey("fill") ? colour(a.get("fill"), fill) : fill,
                    a.containsKey("stroke") ? colour(a.get("stroke"), stroke) : stroke,
                    length(a.get("stroke-width"), strokeWidth), length(a.get("font-size"), fontSize),
                    a.getOrDefault("display", ""));
        }

        /** A colour as the screen model writes it: #RRGGBB, or "" for none. */
        private static String colour(String v, String inherited) {
            String c = v.toLowerCase(Locale.ROOT);
            if (c.equals("none") || c.equals("transparent")) {
                return "";
            }
            if (c.matches("#[0-9a-f]{6}")) {
                return c.toUpperCase(Locale.ROOT);
            }
            if (c.matches("#[0-9a-f]{3}")) {
                return ("#" + c.charAt(1) + c.charAt(1) + c.charAt(2) + c.charAt(2) + c.charAt(3) + c.charAt(3)).toUpperCase(Locale.ROOT);
            }
            var rgb = Pattern.compile("rgb\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)").matcher(c);
            if (rgb.matches()) {
                return String.format(Locale.ROOT, "#%02X%02X%02X", Math.min(255, Integer.parseInt(rgb.group(1))),
                        Math.min(255, Integer.parseInt(rgb.group(2))), Math.min(255, Integer.parseInt(rgb.group(3))));
            }
            return NAMED.getOrDefault(c, inherited);
        }

        private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("black", "#000000"), Map.entry("white", "#FFFFFF"),
                Map.entry("gray", "#808080"), Map.entry("grey", "#808080"), Map.entry("silver", "#C0C0C0"),
                Map.entry("lightgray", "#D3D3D3"), Map.entry("lightgrey", "#D3D3D3"), Map.entry("darkgray", "#A9A9A9"),
                Map.entry("darkgrey", "#A9A9A9"), Map.entry("dimgray", "#696969"), Map.entry("red", "#FF0000"),
                Map.entry("green", "#008000"), Map.entry("blue", "#0000FF"), Map.entry("yellow", "#FFFF00"),
                Map.entry("orange", "#FFA500"), Map.entry("magenta", "#FF00FF"), Map.entry("cyan", "#00FFFF"));
    }

    /** A 2-D affine transform [a c e; b d f]. */
    record Affine(double a, double b, double c, double d, double e, double f) {
        static final Affine IDENTITY = new Affine(1, 0, 0, 1, 0, 0);

        static Affine translate(double x, double y) {
            return new Affine(1, 0, 0, 1, x, y);
        }

        static Affine scale(double x, double y) {
            return new Affine(x, 0, 0, y, 0, 0);
        }

        Affine times(Affine o) {
            return new Affine(a * o.a + c * o.b, b * o.a + d * o.b, a * o.c + c * o.d, b * o.c + d * o.d,
                    a * o.e + c * o.f + e, b * o.e + d * o.f + f);
        }

        double[] apply(double x, double y) {
            return new double[] {a * x + c * y + e, b * x + d * y + f};
        }

        /** True without rotation or skew: rectangles stay rectangles. */
        boolean keepsAxes() {
            return Math.abs(b) < 1e-9 && Math.abs(c) < 1e-9;
        }

        double scale() {
            return Math.sqrt(Math.abs(a * d - b * c));
        }

        /** An SVG transform list: translate, scale, rotate, matrix, skewX/Y; anything unknown is ignored. */
        static Affine parse(String text) {
            Affine out = IDENTITY;
            if (text == null || text.isBlank()) {
                return out;
            }
            var m = Pattern.compile("(\\w+)\\s*\\(([^)]*)\\)").matcher(text);
            while (m.find()) {
                double[] v = numbers(m.group(2));
                Affine step = switch (m.group(1)) {
                    case "translate" -> v.length >= 1 ? translate(v[0], v.length > 1 ? v[1] : 0) : IDENTITY;
                    case "scale" -> v.length >= 1 ? scale(v[0], v.length > 1 ? v[1] : v[0]) : IDENTITY;
                    case "matrix" -> v.length == 6 ? new Affine(v[0], v[1], v[2], v[3], v[4], v[5]) : IDENTITY;
                    case "rotate" -> v.length >= 1 ? rotate(v[0], v.length >= 3 ? v[1] : 0, v.length >= 3 ? v[2] : 0) : IDENTITY;
                    case "skewX" -> v.length == 1 ? new Affine(1, 0, Math.tan(Math.toRadians(v[0])), 1, 0, 0) : IDENTITY;
                    case "skewY" -> v.length == 1 ? new Affine(1, Math.tan(Math.toRadians(v[0])), 0, 1, 0, 0) : IDENTITY;
                    default -> IDENTITY;
                };
                out = out.times(step);
            }
            return out;
        }

        private static Affine rotate(double deg, double cx, double cy) {
            double r = Math.toRadians(deg);
            Affine rot = new Affine(Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0);
            return translate(cx, cy).times(rot).times(translate(-cx, -cy));
        }
    }
}

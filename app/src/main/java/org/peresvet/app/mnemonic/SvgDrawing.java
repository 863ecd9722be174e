package org.peresvet.app.mnemonic;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Ellipse;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Affine;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Transform;
import javafx.scene.transform.Translate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A small SVG renderer for the image symbol: paths (JavaFX's own {@link SVGPath} reads the path
 * data), rect, circle, ellipse, line, polyline, polygon, text and g, with fill, stroke,
 * stroke-width and opacity (as attributes or in {@code style}, inherited from groups) and
 * transforms; the viewBox maps onto the widget's box. Gradients, patterns, filters, CSS
 * stylesheets and {@code use} are not drawn. The file is hostile input: no DOCTYPE or external
 * entities, at most {@link #MAX_BYTES} and {@link #MAX_ELEMENTS} elements. Nodes may be built off
 * the FX thread (they are not in a scene yet).
 */
final class SvgDrawing {
    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final int MAX_ELEMENTS = 5_000;
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern TRANSFORM = Pattern.compile("(matrix|translate|scale|rotate)\\s*\\(([^)]*)\\)");
    private static final List<String> STYLED = List.of("fill", "stroke", "stroke-width", "opacity", "fill-opacity", "stroke-opacity",
            "font-size", "display", "visibility");

    private int elements;

    private SvgDrawing() {
    }

    /**
     * The drawing scaled into a {@code width} × {@code height} box (keeping its proportions and
     * centred when {@code keepRatio}).
     *
     * @throws IllegalArgumentException saying why the file is refused
     */
    static Group read(byte[] svg, double width, double height, boolean keepRatio) {
        if (svg.length > MAX_BYTES) {
            throw new IllegalArgumentException("the SVG file is larger than " + MAX_BYTES / 1024 / 1024 + " MB");
        }
        Element root = parse(svg).getDocumentElement();
        if (!"svg".equals(local(root))) {
            throw new IllegalArgumentException("not an SVG document (the root is " + local(root) + ")");
        }
        SvgDrawing d = new SvgDrawing();
        Group content = new Group();
        d.children(root, content, Map.of());
        double[] box = viewBox(root);
        double sx = width / box[2];
        double sy = height / box[3];
        double tx = 0;
        double ty = 0;
        if (keepRatio) {
            double k = Math.min(sx, sy);
            tx = (width - box[2] * k) / 2;
            ty = (height - box[3] * k) / 2;
            sx = k;
            sy = k;
        }
        content.getTransforms().setAll(new Translate(tx, ty), new Scale(sx, sy), new Translate(-box[0], -box[1]));
        return new Group(content);
    }

    private static Document parse(byte[] svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(svg));
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalArgumentException("the SVG file cannot be read: " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new IllegalArgumentException("the SVG file is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** minX, minY, width, height: the viewBox, else 0, 0, width, height (100 × 100 when unknown). */
    private static double[] viewBox(Element root) {
        List<Double> vb = numbers(root.getAttribute("viewBox"));
        if (vb.size() == 4 && vb.get(2) > 0 && vb.get(3) > 0) {
            return new double[] {vb.get(0), vb.get(1), vb.get(2), vb.get(3)};
        }
        double w = length(root.getAttribute("width"), 100);
        double h = length(root.getAttribute("height"), 100);
        return new double[] {0, 0, w > 0 ? w : 100, h > 0 ? h : 100};
    }

    private void children(Element parent, Group into, Map<String, String> inherited) {
        NodeList kids = parent.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            if (kids.item(i) instanceof Element e) {
                if (++elements > MAX_ELEMENTS) {
                    throw new IllegalArgumentException("the SVG file has more than " + MAX_ELEMENTS + " elements");
                }
                Map<String, String> style = style(e, inherited);
                Node node = element(e, style);
                if (node != null) {
                    transform(node, e.getAttribute("transform"));
                    if ("none".equals(style.get("display")) || "hidden".equals(style.get("visibility"))) {
                        node.setVisible(false);
                    }
                    into.getChildren().add(node);
                }
            }
        }
    }

    private Node element(Element e, Map<String, String> style) {
        Shape s;
        switch (local(e)) {
            case "g", "a", "svg" -> {
                Group g = new Group();
                g.setOpacity(number(style, "opacity", 1));
                children(e, g, inheritable(style));
                return g;
            }
            case "path" -> {
                SVGPath p = new SVGPath();
                p.setContent(e.getAttribute("d"));
                p.setFillRule("evenodd".equals(attr(e, style, "fill-rule")) ? FillRule.EVEN_ODD
                        : FillRule.NON_ZERO);
                s = p;
            }
            case "rect" -> {
                Rectangle r = new Rectangle(num(e, "x"), num(e, "y"), num(e, "width"), num(e, "height"));
                double rx = num(e, "rx");
                double ry = e.hasAttribute("ry") ? num(e, "ry") : rx;
                r.setArcWidth(2 * (rx > 0 ? rx : ry));
                r.setArcHeight(2 * (ry > 0 ? ry : rx));
                s = r;
            }
            case "circle" -> s = new Circle(num(e, "cx"), num(e, "cy"), num(e, "r"));
            case "ellipse" -> s = new Ellipse(num(e, "cx"), num(e, "cy"), num(e, "rx"), num(e, "ry"));
            case "line" -> s = new Line(num(e, "x1"), num(e, "y1"), num(e, "x2"), num(e, "y2"));
            case "polyline" -> s = new Polyline(toArray(numbers(e.getAttribute("points"))));
            case "polygon" -> s = new Polygon(toArray(numbers(e.getAttribute("points"))));
            case "text" -> {
                Text t = new Text(num(e, "x"), num(e, "y"), e.getTextContent().strip());
                t.setFont(Font.font(number(style, "font-size", 12)));
                s = t;
            }
            default -> {
                return null; // defs, gradients, metadata, title…: not drawn
            }
        }
        paint(s, style, !(s instanceof Line || s instanceof Polyline));
        return s;
    }

    /** Fill and stroke as SVG says: fill black unless "none", no stroke unless given. */
    private static void paint(Shape s, Map<String, String> style, boolean fillable) {
        s.setFill(fillable ? color(style.getOrDefault("fill", "black"), number(style, "fill-opacity", 1)) : null);
        s.setStroke(color(style.getOrDefault("stroke", "none"), number(style, "stroke-opacity", 1)));
        s.setStrokeWidth(number(style, "stroke-width", 1));
        s.setOpacity(number(style, "opacity", 1));
    }

    private static Paint color(String v, double opacity) {
        String c = v.strip();
        if (c.isEmpty() || c.equals("none") || c.startsWith("url(")) {
            return c.startsWith("url(") ? Color.GRAY : null;
        }
        try {
            Color k = Color.web(c);
            return opacity < 1 ? Color.color(k.getRed(), k.getGreen(), k.getBlue(), k.getOpacity() * Math.max(0, opacity)) : k;
        } catch (IllegalArgumentException e) {
            return Color.BLACK;
        }
    }

    /** The element's presentation attributes and {@code style} over what it inherits. */
    private static Map<String, String> style(Element e, Map<String, String> inherited) {
        Map<String, String> out = new HashMap<>(inherited);
        out.remove("opacity"); // opacity applies per element, it is not inherited
        for (String a : STYLED) {
            if (e.hasAttribute(a)) {
                out.put(a, e.getAttribute(a).strip());
            }
        }
        for (String decl : e.getAttribute("style").split(";")) {
            int colon = decl.indexOf(':');
            if (colon > 0) {
                String k = decl.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                if (STYLED.contains(k) || k.equals("fill-rule")) {
                    out.put(k, decl.substring(colon + 1).strip());
                }
            }
        }
        return out;
    }

    private static Map<String, String> inheritable(Map<String, String> style) {
        Map<String, String> out = new HashMap<>(style);
        out.remove("opacity");
        out.remove("display");
        return out;
    }

    private static String attr(Element e, Map<String, String> style, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name).strip() : style.getOrDefault(name, "");
    }

    private static void transform(Node n, String spec) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        Matcher m = TRANSFORM.matcher(spec);
        while (m.find()) {
            List<Double> a = numbers(m.group(2));
            Transform t = switch (m.group(1)) {
                case "translate" -> a.isEmpty() ? null : new Translate(a.get(0), a.size() > 1 ? a.get(1) : 0);
                case "scale" -> a.isEmpty() ? null : new Scale(a.get(0), a.size() > 1 ? a.get(1) : a.get(0), 0, 0);
                case "rotate" -> a.isEmpty() ? null : new Rotate(a.get(0), a.size() > 2 ? a.get(1) : 0, a.size() > 2 ? a.get(2) : 0);
                default -> a.size() == 6 ? new Affine(a.get(0), a.get(2), a.get(4), a.get(1), a.get(3), a.get(5)) : null;
            };
            if (t != null) {
                n.getTransforms().add(t);
            }
        }
    }

    private static double num(Element e, String name) {
        return length(e.getAttribute(name), 0);
    }

    private static double number(Map<String, String> style, String name, double dflt) {
        return length(style.get(name), dflt);
    }

    /** A length or number ("12", "12px", "1e2"); percentages and other units count as the number. */
    private static double length(String v, double dflt) {
        if (v == null) {
            return dflt;
        }
        Matcher m = NUMBER.matcher(v);
        if (!m.find()) {
            return dflt;
        }
        double d = Double.parseDouble(m.group());
        return Double.isFinite(d) ? d : dflt;
    }

    private static List<Double> numbers(String s) {
        List<Double> out = new ArrayList<>();
        if (s != null) {
            Matcher m = NUMBER.matcher(s);
            while (m.find()) {
                double d = Double.parseDouble(m.group());
                out.add(Double.isFinite(d) ? d : 0);
            }
        }
        return out;
    }

    private static double[] toArray(List<Double> l) {
        int n = l.size() - l.size() % 2;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = l.get(i);
        }
        return out;
    }

    private static String local(Element e) {
        String n = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
        int colon = n.indexOf(':');
        return colon >= 0 ? n.substring(colon + 1) : n;
    }
}

package org.peresvet.app.mnemonic.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/** An SVG drawing becomes widgets whose ids are the drawing's; hostile files are refused. */
class SvgImportTest {

    static final String PUMP_SVG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 400 200">
              <title>Pump skid</title>
              <rect id="skid" x="0" y="150" width="400" height="50" fill="#808080"/>
              <g transform="translate(100,20)">
                <circle id="pumpBody" cx="50" cy="50" r="50" style="fill:#c0c0c0;stroke:black;stroke-width:4"/>
                <path id="impeller" d="M 20 50 L 80 50 M50 20 C 60 30, 60 70, 50 80"/>
              </g>
              <line id="pipe" x1="200" y1="70" x2="400" y2="70" stroke="#404040" stroke-width="8"/>
              <polygon points="300,0 320,20 280,20"/>
              <text id="tagText" x="10" y="40" font-size="24">P-101</text>
            </svg>
            """;

    @Test
    void elementsWithAnIdBecomeBindablePartsScaledToTheSize() {
        SvgImport.Result r = SvgImport.read(PUMP_SVG.getBytes(StandardCharsets.UTF_8));
        assertThat(r.width()).isEqualTo(200);
        assertThat(r.height()).isEqualTo(100);
        assertThat(r.parts()).containsExactly("skid", "pumpBody", "impeller", "pipe", "tagText");
        WidgetDef skid = r.widgets().get(0);
        assertThat(skid.type()).isEqualTo(WidgetTypes.RECTANGLE);
        assertThat(Layout.bounds(skid)).isEqualTo(new Box(0, 75, 200, 25));
        assertThat(skid.text("fill")).isEqualTo("#808080");
        WidgetDef body = r.widgets().get(1);
        assertThat(body.type()).isEqualTo(WidgetTypes.ELLIPSE);
        // (100 + 50) / 2 = 75 centre, r 25
        assertThat(Layout.bounds(body)).isEqualTo(new Box(50, 10, 50, 50));
        assertThat(body.text("fill")).isEqualTo("#C0C0C0");
        assertThat(body.text("stroke")).isEqualTo("#000000");
        assertThat(body.number("lineWidth")).isEqualTo(2.0);
        WidgetDef impeller = r.widgets().get(2);
        assertThat(impeller.type()).isEqualTo(WidgetTypes.GROUP); // two subpaths
        assertThat(impeller.children()).hasSize(2);
        assertThat(impeller.children().get(1).points("points")).hasSize(2 * 9); // a curve of 8 steps after its start
        assertThat(r.widgets().get(3).type()).isEqualTo(WidgetTypes.LINE);
        WidgetDef triangle = r.widgets().get(4);
        assertThat(triangle.type()).isEqualTo(WidgetTypes.POLYLINE);
        assertThat(triangle.bool("closed")).isTrue();
        assertThat(triangle.id()).startsWith("svg-polyline");
        WidgetDef text = r.widgets().get(5);
        assertThat(text.text("text")).isEqualTo("P-101");
        assertThat(text.number("fontSize")).isEqualTo(12.0);
    }

    @Test
    void aRotatedRectangleBecomesAPolygon() {
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>"
                + "<rect id='r' x='0' y='0' width='10' height='10' transform='rotate(45)'/></svg>";
        WidgetDef w = SvgImport.read(svg.getBytes(StandardCharsets.UTF_8)).widgets().get(0);
        assertThat(w.type()).isEqualTo(WidgetTypes.POLYLINE);
        assertThat(w.points("points")).hasSize(8);
    }

    @Test
    void hostileFilesAreRefusedWithTheReason() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<svg xmlns='http://www.w3.org/2000/svg'><text id='t'>&x;</text></svg>";
        assertThatThrownBy(() -> SvgImport.read(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOCTYPE");
        String lol = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]>"
                + "<svg>&lol2;</svg>";
        assertThatThrownBy(() -> SvgImport.read(lol.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SvgImport.read(new byte[SvgImport.MAX_BYTES + 1])).hasMessageContaining("larger than");
        assertThatThrownBy(() -> SvgImport.read("<html/>".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not an SVG");
        assertThatThrownBy(() -> SvgImport.read("<svg".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not a readable");
        StringBuilder many = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg'>");
        for (int i = 0; i <= SvgImport.MAX_ELEMENTS; i++) {
            many.append("<rect width='1' height='1'/>");
        }
        assertThatThrownBy(() -> SvgImport.read(many.append("</svg>").toString().getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("more than");
    }

    @Test
    void duplicateAndOddIdsAreMadeValid() {
        String svg = "<svg xmlns='http://www.w3.org/2000/svg'><rect id='a b' width='1' height='1'/>"
                + "<rect id='a b' width='1' height='1'/></svg>";
        List<String> parts = SvgImport.read(svg.getBytes(StandardCharsets.UTF_8)).parts();
        assertThat(parts).containsExactly("a_b", "a_b_1");
    }
}

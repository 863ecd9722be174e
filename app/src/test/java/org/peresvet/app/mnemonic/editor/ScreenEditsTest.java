package org.peresvet.app.mnemonic.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.screen.ScreenCodec;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/** The editor's changes as pure functions on the screen model. */
class ScreenEditsTest {
    private static final ScreenDef EMPTY = ScreenDef.of(UUID.randomUUID(), "Overview");

    private static ScreenDef three() {
        ScreenDef s = ScreenEdits.place(EMPTY, WidgetTypes.PUMP, 10, 10).screen();
        s = ScreenEdits.place(s, WidgetTypes.VALVE, 100, 20).screen();
        return ScreenEdits.place(s, WidgetTypes.PIPE, 40, 200).screen();
    }

    @Test
    void placeGivesFreshIdsAndTheTypesDefaultSize() {
        ScreenDef s = three();
        s = ScreenEdits.place(s, WidgetTypes.PUMP, 0, 0).screen();
        assertThat(s.widgets()).extracting(WidgetDef::id).containsExactly("pump1", "valve1", "pipe1", "pump2");
        Layout l = Layout.of(s);
        assertThat(l.box("valve1")).isEqualTo(new Box(100, 20, 48, 32));
        assertThat(l.box("pipe1")).isEqualTo(new Box(40, 200, 120, 0));
        assertThat(l.hit(120, 30)).isEqualTo("valve1");
        assertThat(l.hit(80, 201)).isEqualTo("pipe1"); // a thin pipe can be clicked
        assertThat(l.within(Box.spanning(0, 0, 60, 60))).containsExactly("pump1", "pump2");
    }

    @Test
    void groupKeepsPlacesAndUngroupRestoresThem() {
        ScreenDef s = three();
        ScreenEdits.Added g = ScreenEdits.group(s, List.of("pump1", "valve1"));
        assertThat(g.ids()).containsExactly("group1");
        WidgetDef group = g.screen().widgets().get(0);
        assertThat(ids(g.screen())).containsExactly("group1", "pipe1");
        assertThat(group.children()).extracting(WidgetDef::id).containsExactly("pump1", "valve1");
        assertThat(Layout.of(g.screen()).box("group1")).isEqualTo(new Box(10, 10, 138, 48));
        ScreenDef moved = ScreenEdits.move(g.screen(), Set.of("group1"), 5, 5);
        ScreenEdits.Added u = ScreenEdits.ungroup(moved, Set.of("group1"));
        assertThat(u.ids()).containsExactly("pump1", "valve1");
        assertThat(Layout.of(u.screen()).box("valve1")).isEqualTo(new Box(105, 25, 48, 32));
    }

    @Test
    void resizeScalesPointsAndSetsTheBoxOfOthers() {
        ScreenDef s = ScreenEdits.resize(three(), "pipe1", new Box(40, 200, 240, 0));
        assertThat(s.widget("pipe1").orElseThrow().points("points")).containsExactly(0.0, 0.0, 240.0, 0.0);
        s = ScreenEdits.resize(s, "pump1", new Box(0, 8, 64, 64));
        assertThat(Layout.of(s).box("pump1")).isEqualTo(new Box(0, 8, 64, 64));
    }

    @Test
    void zOrder() {
        ScreenDef s = three();
        assertThat(ids(ScreenEdits.zOrder(s, Set.of("pump1"), ScreenEdits.ZOrder.FRONT))).containsExactly("valve1", "pipe1", "pump1");
        assertThat(ids(ScreenEdits.zOrder(s, Set.of("pipe1"), ScreenEdits.ZOrder.BACK))).containsExactly("pipe1", "pump1", "valve1");
        assertThat(ids(ScreenEdits.zOrder(s, Set.of("pump1"), ScreenEdits.ZOrder.FORWARD))).containsExactly("valve1", "pump1", "pipe1");
        assertThat(ids(ScreenEdits.zOrder(s, Set.of("pipe1"), ScreenEdits.ZOrder.BACKWARD))).containsExactly("pump1", "pipe1", "valve1");
    }

    @Test
    void copyPasteRenamesCollidingIdsAlsoInsideGroups() {
        ScreenDef s = ScreenEdits.group(three(), List.of("pump1", "valve1")).screen();
        String clip = ScreenEdits.copy(s, List.of("group1", "pipe1"));
        ScreenEdits.Added again = ScreenEdits.paste(s, clip, 16, 16);
        assertThat(again.ids()).containsExactly("group2", "pipe2");
        assertThat(again.screen().widget("group2").orElseThrow().children()).extracting(WidgetDef::id).containsExactly("pump2", "valve2");
        ScreenEdits.Added other = ScreenEdits.paste(EMPTY, clip, 0, 0);
        assertThat(other.ids()).containsExactly("group1", "pipe1");
        // The result is a valid screen body again.
        assertThat(ScreenCodec.read(EMPTY.id(), "x", ScreenCodec.write(again.screen())).allWidgets()).hasSize(8);
    }

    private static List<String> ids(ScreenDef s) {
        return s.widgets().stream().map(WidgetDef::id).toList();
    }
}

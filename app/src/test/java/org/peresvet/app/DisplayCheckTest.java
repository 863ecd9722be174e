package org.peresvet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class DisplayCheckTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static final Properties LINUX = props("os.name", "Linux");

    @Test
    void linuxWithoutDisplayOrWaylandHasNoDisplay() {
        assertThat(new DisplayCheck(Map.of(), LINUX).isDisplayAvailable()).isFalse();
    }

    @Test
    void blankDisplayVariablesCountAsMissing() {
        Map<String, String> env = Map.of("DISPLAY", "", "WAYLAND_DISPLAY", "  ");
        assertThat(new DisplayCheck(env, LINUX).isDisplayAvailable()).isFalse();
    }

    @Test
    void x11DisplayIsEnough() {
        assertThat(new DisplayCheck(Map.of("DISPLAY", ":0"), LINUX).isDisplayAvailable()).isTrue();
    }

    @Test
    void waylandDisplayIsEnough() {
        assertThat(new DisplayCheck(Map.of("WAYLAND_DISPLAY", "wayland-0"), LINUX).isDisplayAvailable())
                .isTrue();
    }

    @Test
    void explicitGlassPlatformSkipsTheCheck() {
        Properties monocle = props("os.name", "Linux", "glass.platform", "Monocle");
        assertThat(new DisplayCheck(Map.of(), monocle).isDisplayAvailable()).isTrue();
    }

    @Test
    void windowsAndMacAlwaysHaveADisplay() {
        assertThat(new DisplayCheck(Map.of(), props("os.name", "Windows 11")).isDisplayAvailable()).isTrue();
        assertThat(new DisplayCheck(Map.of(), props("os.name", "Mac OS X")).isDisplayAvailable()).isTrue();
    }
}

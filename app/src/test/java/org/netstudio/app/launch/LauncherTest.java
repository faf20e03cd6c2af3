package org.netstudio.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.netstudio.app.window.AppAction;

class LauncherTest {

    @Test
    void linuxNeedsAnX11OrWaylandDisplay() {
        assertThat(Launcher.hasDisplay("Linux", Map.of(), null)).isFalse();
        assertThat(Launcher.hasDisplay("Linux", Map.of("DISPLAY", " "), null)).isFalse();
        assertThat(Launcher.hasDisplay("Linux", Map.of("DISPLAY", ":0"), null)).isTrue();
        assertThat(Launcher.hasDisplay("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), null)).isTrue();
        assertThat(Launcher.hasDisplay("FreeBSD", Map.of(), "gtk")).isFalse();
    }

    @Test
    void monocleRendersWithoutADisplay() {
        assertThat(Launcher.hasDisplay("Linux", Map.of(), "Monocle")).isTrue();
    }

    @Test
    void windowsAndMacAlwaysHaveADesktop() {
        assertThat(Launcher.hasDisplay("Windows 11", Map.of(), null)).isTrue();
        assertThat(Launcher.hasDisplay("Mac OS X", Map.of(), null)).isTrue();
    }

    @Test
    void keepsDjlOfflineThroughSystemProperties() {
        Launcher.keepDjlOffline();
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    }

    @Test
    void menuItemIdsFollowTheActionNames() {
        assertThat(AppAction.SAVE_AS.menuItemId()).isEqualTo("menuSaveAs");
        assertThat(AppAction.OPEN.shortLabel()).isEqualTo("Open");
    }
}

package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.netstudio.assets.Theme;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** View › Theme is remembered: the next window over the same data folder opens in it. */
class ThemeRememberedInTheWindowTest extends InTheWindowTest {

    private boolean usesSheet(String name) {
        return f.fx(() -> f.window.scene().getStylesheets().stream().anyMatch(s -> s.endsWith(name)));
    }

    /** Whether View › Theme › Dark is checked. */
    private boolean darkChecked() {
        return f.fx(() -> f.window.menu().bar().getMenus().stream()
                .filter(m -> "menuView".equals(m.getId())).flatMap(m -> m.getItems().stream())
                .filter(i -> "menuTheme".equals(i.getId())).map(javafx.scene.control.Menu.class::cast)
                .flatMap(m -> m.getItems().stream()).filter(i -> "menuThemeDark".equals(i.getId()))
                .map(javafx.scene.control.RadioMenuItem.class::cast).findFirst().orElseThrow().isSelected());
    }

    @Test
    void theThemeChosenInTheViewMenuIsTheOneTheNextStartOpensIn(FxRobot robot) {
        Path data = WindowFixture.tempData();
        f = WindowFixture.open(robot, stage, data);
        assertThat(f.window.theme()).as("a first start is light").isEqualTo(Theme.LIGHT);
        robot.clickOn("#menuView").clickOn("#menuTheme").clickOn("#menuThemeDark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.window.theme()).isEqualTo(Theme.DARK);

        // Quit, and start again over the same data folder.
        f.close();
        f = WindowFixture.open(robot, stage, data);
        assertThat(f.window.theme()).isEqualTo(Theme.DARK);
        assertThat(usesSheet("theme-dark.css")).isTrue();
        assertThat(usesSheet("theme-light.css")).isFalse();
        assertThat(darkChecked()).as("View › Theme › Dark is checked").isTrue();

        // Back to light: remembered as well.
        robot.clickOn("#menuView").clickOn("#menuTheme").clickOn("#menuThemeLight");
        WaitForAsyncUtils.waitForFxEvents();
        f.close();
        f = WindowFixture.open(robot, stage, data);
        assertThat(f.window.theme()).isEqualTo(Theme.LIGHT);
        assertThat(usesSheet("theme-light.css")).isTrue();
    }

    @Test
    void aThemeSetForOneRunOnlyIsNotRemembered(FxRobot robot) {
        Path data = WindowFixture.tempData();
        f = WindowFixture.open(robot, stage, data);
        // as -Dnetstudio.theme=dark does
        robot.interact(() -> f.window.setTheme(Theme.DARK));
        assertThat(darkChecked()).isTrue();
        f.close();
        f = WindowFixture.open(robot, stage, data);
        assertThat(f.window.theme()).isEqualTo(Theme.LIGHT);
    }
}

package org.netstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ThemeTest {

    private static final Pattern DEFINED = Pattern.compile("^\\s*(-ns-[a-z0-9-]+)\\s*:", Pattern.MULTILINE);
    private static final String PALETTE =
            "-ns-(gray|blue|green|amber|red|white|black|violet|orange|teal|slate|pink|brown|cyan)(-.*)?";
    private static final String[] COMPONENT_SHEETS = {
        "netstudio.css", "/org/netstudio/canvas/canvas.css", "/org/netstudio/inspector/inspector.css",
        "/org/netstudio/app/help/help.css"};
    private static final Pattern USED = Pattern.compile("(?<![\\w-])(-ns-[a-z0-9-]+)");

    @Test
    void isChosenByNameInAnyCaseAndFallsBackToLight() {
        assertThat(Theme.named("dark")).isEqualTo(Theme.DARK);
        assertThat(Theme.named("DARK")).isEqualTo(Theme.DARK);
        assertThat(Theme.named("solarized")).isEqualTo(Theme.LIGHT);
        assertThat(Theme.named(null)).isEqualTo(Theme.LIGHT);
    }

    @Test
    void everyThemeDefinesTheSameTokensAndEveryTokenTheComponentsUse() throws IOException {
        Set<String> light = defined(read("theme-light.css"));
        Set<String> dark = defined(read("theme-dark.css"));
        Set<String> usedByComponents = new TreeSet<>();
        for (String sheet : COMPONENT_SHEETS) {
            Set<String> used = used(read(sheet));
            used.removeAll(defined(read(sheet)));   // a sheet's own component tokens (-ns-node-bg, -ns-ins-fg)
            usedByComponents.addAll(used);
        }

        // Palettes may differ in their values; the meaning layer must not.
        assertThat(meaning(dark)).isEqualTo(meaning(light));
        assertThat(light).containsAll(usedByComponents);
        assertThat(dark).containsAll(usedByComponents);
        assertThat(usedByComponents).as("components use meaning tokens, never the palette")
                .noneMatch(t -> t.matches(PALETTE));
        assertThat(usedByComponents).contains("-ns-cat-convolution", "-ns-bg-canvas", "-ns-fg-default");
    }

    @Test
    void theCanvasAndInspectorCarryExactCopiesOfTheTokenSheetForTheirStandaloneUse() throws IOException {
        for (String theme : new String[] {"theme-light.css", "theme-dark.css"}) {
            String app = read(theme);
            assertThat(read("/org/netstudio/canvas/" + theme)).as("canvas " + theme).isEqualTo(app);
            assertThat(read("/org/netstudio/inspector/" + theme)).as("inspector " + theme).isEqualTo(app);
        }
    }

    @Test
    void theGrayRampRunsFromLightToDarkInBothThemes() throws IOException {
        for (String theme : new String[] {"theme-light.css", "theme-dark.css"}) {
            String css = read(theme);
            assertThat(luminance(css, "-ns-gray-0")).as(theme).isGreaterThan(luminance(css, "-ns-gray-9"));
        }
    }

    private static double luminance(String css, String token) {
        Matcher m = Pattern.compile(Pattern.quote(token) + ":\\s*#([0-9a-fA-F]{6});").matcher(css);
        assertThat(m.find()).as(token).isTrue();
        int rgb = Integer.parseInt(m.group(1), 16);
        return 0.2126 * (rgb >> 16) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
    }

    private static Set<String> meaning(Set<String> tokens) {
        Set<String> meaning = new TreeSet<>(tokens);
        meaning.removeIf(t -> t.matches(PALETTE));
        return meaning;
    }

    private static Set<String> defined(String css) {
        Set<String> tokens = new TreeSet<>();
        Matcher m = DEFINED.matcher(css);
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    private static Set<String> used(String css) {
        Set<String> tokens = new TreeSet<>();
        Matcher m = USED.matcher(css.replaceAll("(?s)/\\*.*?\\*/", ""));
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    private static String read(String name) throws IOException {
        URL url = Theme.class.getResource(name);
        assertThat(url).as(name).isNotNull();
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

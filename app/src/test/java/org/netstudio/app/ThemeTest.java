package org.netstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.netstudio.assets.Theme;

/** The one set of colour tokens ({@link Theme}) against every module's component sheets. */
class ThemeTest {

    private static final Pattern DEFINED = Pattern.compile("^\\s*(-ns-[a-z0-9-]+)\\s*:", Pattern.MULTILINE);
    private static final String PALETTE =
            "-ns-(gray|blue|green|amber|red|white|black|violet|orange|teal|slate|pink|brown|cyan)(-.*)?";
    private static final String[] COMPONENT_SHEETS = {
        "/org/netstudio/app/window/netstudio.css", "/org/netstudio/app/window/tryit/tryit.css",
        "/org/netstudio/canvas/canvas.css", "/org/netstudio/inspector/inspector.css",
        "/org/netstudio/trainer/trainer.css", "/org/netstudio/app/help/help.css"};
    private static final Pattern USED = Pattern.compile("(?<![\\w-])(-ns-[a-z0-9-]+)");

    @Test
    void isChosenByNameInAnyCaseAndFallsBackToLight() {
        assertThat(Theme.named("dark")).isEqualTo(Theme.DARK);
        assertThat(Theme.named("DARK")).isEqualTo(Theme.DARK);
        assertThat(Theme.named("solarized")).isEqualTo(Theme.LIGHT);
        assertThat(Theme.named(null)).isEqualTo(Theme.LIGHT);
    }

    @Test
    void aThemeTakesThePlaceOfAnotherAheadOfTheComponentSheets() {
        List<String> sheets = new ArrayList<>(List.of("canvas.css", "netstudio.css"));
        Theme.LIGHT.applyTo(sheets);
        Theme.DARK.applyTo(sheets);

        List<String> expected = new ArrayList<>(Theme.DARK.stylesheets());
        expected.addAll(List.of("canvas.css", "netstudio.css"));
        assertThat(sheets).containsExactlyElementsOf(expected);
        assertThat(Theme.DARK.stylesheets()).anyMatch(s -> s.endsWith("theme-dark.css"))
                .noneMatch(s -> s.endsWith("theme-light.css"));
    }

    @Test
    void everyThemeDefinesTheSameTokensAndEveryTokenTheComponentsUse() throws IOException {
        Set<String> light = defined(Theme.LIGHT);
        Set<String> dark = defined(Theme.DARK);
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
    void theGrayRampRunsFromLightToDarkInBothThemes() throws IOException {
        for (Theme theme : Theme.values()) {
            String css = tokens(theme);
            assertThat(luminance(css, "-ns-gray-0")).as(theme.label()).isGreaterThan(luminance(css, "-ns-gray-9"));
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

    private static Set<String> defined(Theme theme) throws IOException {
        return defined(tokens(theme));
    }

    /** All token sheets of {@code theme}, one after the other. */
    private static String tokens(Theme theme) throws IOException {
        StringBuilder css = new StringBuilder();
        for (String url : theme.stylesheets()) {
            try (InputStream in = new URL(url).openStream()) {
                css.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return css.toString();
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

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
        Set<String> usedByComponents = used(read("netstudio.css"));

        // Palettes may differ in their steps (white vs black); the meaning layer must not.
        assertThat(meaning(dark)).isEqualTo(meaning(light));
        assertThat(light).containsAll(usedByComponents);
        assertThat(dark).containsAll(usedByComponents);
        assertThat(usedByComponents).as("components use meaning tokens, never the palette")
                .noneMatch(t -> t.matches("-ns-(gray|blue|green|amber|red|white|black)(-.*)?"));
    }

    private static Set<String> meaning(Set<String> tokens) {
        Set<String> meaning = new TreeSet<>(tokens);
        meaning.removeIf(t -> t.matches("-ns-(gray|blue|green|amber|red|white|black)(-.*)?"));
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

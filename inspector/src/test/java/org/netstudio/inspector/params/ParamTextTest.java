package org.netstudio.inspector.params;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.catalog.ParamKind;
import org.netstudio.netgraph.catalog.ParamSpec;

class ParamTextTest {

    @Test
    void numbers() {
        assertThat(ParamText.parse(ParamKind.INT, " 128 ")).isEqualTo(128L);
        assertThat(ParamText.parse(ParamKind.INT, "-3")).isEqualTo(-3L);
        assertThat(ParamText.parse(ParamKind.INT, "3.0")).isEqualTo(3.0);
        assertThat(ParamText.parse(ParamKind.REAL, "1e-5")).isEqualTo(1e-5);
        assertThat(ParamText.parse(ParamKind.REAL, "NaN")).isEqualTo("NaN");
        assertThat(ParamText.parse(ParamKind.REAL, "2d")).as("Java's suffixes are not numbers people type").isEqualTo("2d");
        assertThat(ParamText.parse(ParamKind.INT, "")).isNull();
        assertThat(ParamText.parse(ParamKind.INT, "abc")).isEqualTo("abc");
    }

    @Test
    void intOrListAndPadding() {
        assertThat(ParamText.parse(ParamKind.INT_OR_LIST, "3")).isEqualTo(3L);
        assertThat(ParamText.parse(ParamKind.INT_OR_LIST, "3, 5")).isEqualTo(List.of(3L, 5L));
        assertThat(ParamText.parse(ParamKind.INT_OR_LIST, "3×5")).isEqualTo(List.of(3L, 5L));
        assertThat(ParamText.parse(ParamKind.INT_OR_LIST, "3x5")).isEqualTo(List.of(3L, 5L));
        assertThat(ParamText.parse(ParamKind.INT_OR_LIST, "[3 5]")).isEqualTo(List.of(3L, 5L));
        assertThat(ParamText.parse(ParamKind.INT_OR_LIST, "3, x")).isEqualTo("3, x");
        assertThat(ParamText.parse(ParamKind.INT_OR_LIST, "3,,5")).isEqualTo("3,,5");
        assertThat(ParamText.parse(ParamKind.PADDING, "SAME")).isEqualTo("same");
        assertThat(ParamText.parse(ParamKind.PADDING, "1, 2")).isEqualTo(List.of(1L, 2L));
        assertThat(ParamText.parse(ParamKind.INT_LIST, "1, 28, -1")).isEqualTo(List.of(1L, 28L, -1L));
        assertThat(ParamText.parse(ParamKind.INT_LIST, "5")).isEqualTo(List.of(5L));
        assertThat(ParamText.parse(ParamKind.INT_LIST, "[]")).isEqualTo(List.of());
    }

    @Test
    void booleansChoicesAndExpressions() {
        assertThat(ParamText.parse(ParamKind.BOOL, "True")).isEqualTo(true);
        assertThat(ParamText.parse(ParamKind.BOOL, "no")).isEqualTo(false);
        assertThat(ParamText.parse(ParamKind.BOOL, "maybe")).isEqualTo("maybe");
        assertThat(ParamText.parse(ParamKind.CHOICE, " mean ")).isEqualTo("mean");
        assertThat(ParamText.parse(ParamKind.EXPRESSION, "tanh(x) * sigmoid(x)")).isEqualTo("tanh(x) * sigmoid(x)");
    }

    @Test
    void formatReadsBack() {
        assertThat(ParamText.format(3)).isEqualTo("3");
        assertThat(ParamText.format(List.of(3, 5))).isEqualTo("3, 5");
        assertThat(ParamText.format(0.5)).isEqualTo("0.5");
        assertThat(ParamText.format(1e-5)).isEqualTo("1e-5");
        assertThat(ParamText.format(1.0)).isEqualTo("1");
        assertThat(ParamText.format(0.001)).isEqualTo("0.001");
        assertThat(ParamText.format(2.5e20)).isEqualTo("2.5e20");
        assertThat(ParamText.format(true)).isEqualTo("true");
        assertThat(ParamText.format(null)).isEmpty();
        for (double d : new double[] {0.1, 1e-5, 0.3333333333333333, 123456.789, 1e-12, 6.02e23}) {
            assertThat(ParamText.parse(ParamKind.REAL, ParamText.format(d))).isEqualTo(d);
        }
    }

    @Test
    void theCatalogJudgesWhatWasTyped() {
        ParamSpec units = ParamSpec.required("units", ParamKind.INT, 1.0, "");
        assertThat(units.check(ParamText.parse(units.kind(), "-3")))
                .isEqualTo(new ParamSpec.Invalid("units must be a positive whole number, but got -3"));
        assertThat(units.check(ParamText.parse(units.kind(), "2.5")))
                .isEqualTo(new ParamSpec.Invalid("units must be a whole number, but got 2.5"));
        assertThat(units.check(ParamText.parse(units.kind(), "12"))).isEqualTo(new ParamSpec.Valid(12));
    }
}

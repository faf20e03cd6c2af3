package org.netstudio.netgraph.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExpressionTest {

    @Test
    void evaluatesWithUsualPrecedence() throws ExpressionException {
        assertThat(Expression.parse("tanh(x)*sigmoid(x)").evaluate(0.5))
                .isCloseTo(Math.tanh(0.5) / (1 + Math.exp(-0.5)), within(1e-12));
        assertThat(Expression.parse("1 + 2*x^2").evaluate(3)).isEqualTo(19);
        assertThat(Expression.parse("-x^2").evaluate(3)).isEqualTo(-9);
        assertThat(Expression.parse("2^3^2").evaluate(0)).isEqualTo(512);
        assertThat(Expression.parse("(x - 1) / 2").evaluate(5)).isEqualTo(2);
        assertThat(Expression.parse("ramp(x) + 1e-3").evaluate(-4)).isEqualTo(1e-3);
        assertThat(Expression.parse("X").evaluate(7)).isEqualTo(7);
        assertThat(Expression.parse("min(max(x, 0), 6)").evaluate(9)).isEqualTo(6);
        assertThat(Expression.parse("min(max(x, 0), 6)").evaluate(-2)).isEqualTo(0);
        // The error function (GELU's exact form), to float precision: erf(0.5), erf(-1), erf(2), erf(0).
        assertThat(Expression.parse("erf(x)").evaluate(0.5)).isCloseTo(0.5204998778130465, within(1e-7));
        assertThat(Expression.parse("erf(x)").evaluate(-1)).isCloseTo(-0.8427007929497149, within(1e-7));
        assertThat(Expression.parse("erf(x)").evaluate(2)).isCloseTo(0.9953222650189527, within(1e-7));
        assertThat(Expression.parse("erf(x)").evaluate(0)).isCloseTo(0, within(1e-7));
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> Expression.parse("tanh(x"))
                .hasMessage("expected \")\" at position 7 of \"tanh(x\"");
        assertThatThrownBy(() -> Expression.parse("y + 1"))
                .hasMessage("unknown name \"y\" in \"y + 1\": the only variable is x");
        assertThatThrownBy(() -> Expression.parse("foo(x)"))
                .hasMessageStartingWith("unknown function \"foo\" in \"foo(x)\"; known: tanh, sigmoid");
        assertThatThrownBy(() -> Expression.parse("x +")).hasMessage("it ends too early at position 4 of \"x +\"");
        assertThatThrownBy(() -> Expression.parse(" ")).hasMessageStartingWith("the expression is empty");
    }

    @Test
    void deepNestingIsRefusedWithAMessageNeverAStackOverflow() throws ExpressionException {
        String parens = "(".repeat(5000) + "x" + ")".repeat(5000);
        assertThatThrownBy(() -> Expression.parse(parens)).isInstanceOf(ExpressionException.class)
                .hasMessage("\"" + "(".repeat(59) + "…\" is nested more than 100 levels deep (parentheses, calls,"
                        + " signs and operators); write it more simply");
        for (String deep : new String[] {"-".repeat(50_000) + "x", "x" + "^x".repeat(50_000),
                "tanh(".repeat(50_000) + "x" + ")".repeat(50_000), "x" + "+x".repeat(50_000)}) {
            assertThatThrownBy(() -> Expression.parse(deep)).isInstanceOf(ExpressionException.class)
                    .hasMessageContaining("is nested more than 100 levels deep");
        }
        assertThat(Expression.parse("(".repeat(99) + "x" + ")".repeat(99)).evaluate(2)).isEqualTo(2);
    }

    @Test
    void aLongExpressionIsQuotedByItsStartOnly() {
        String longText = "x" + " + x".repeat(20) + " + y";
        assertThatThrownBy(() -> Expression.parse(longText))
                .hasMessage("unknown name \"y\" in \"" + longText.substring(0, 59) + "…\": the only variable is x");
    }
}

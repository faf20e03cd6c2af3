package org.netstudio.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** BERT's basic tokenisation, character class by character class, as HuggingFace's BertNormalizer and BertPreTokenizer. */
class BertTextSplitterTest {

    private final BertTextSplitter uncased = new BertTextSplitter(true, true, true);

    @Test
    void splitsAtWhiteSpaceOfEveryKindAndAroundPunctuation() {
        assertThat(uncased.split("a b\tc\nd\re\u00A0f\u3000g\u2028h\u2029i")).containsExactly("a", "b", "c", "d", "e",
                "f", "g", "h", "i");
        assertThat(uncased.split("(x+y)=z_1")).containsExactly("(", "x", "+", "y", ")", "=", "z", "_", "1");
        assertThat(uncased.split("  ")).isEmpty();
    }

    @Test
    void dropsControlAndFormatCharactersWithoutSplitting() {
        // Form feed and NEL are control characters, so they vanish rather than separate.
        assertThat(uncased.split("ab\u000Ccd\u0085ef\u200Bgh\uFFFDij\u0000")).containsExactly("abcdefghij");
    }

    @Test
    void lowerCasesCodePointByCodePointAfterStrippingAccents() {
        assertThat(uncased.split("ΟΔΟΣ Ångström İstanbul")).containsExactly("οδοσ", "angstrom", "istanbul");
    }

    @Test
    void casedSplittingKeepsCaseAndAccents() {
        BertTextSplitter cased = new BertTextSplitter(false, false, false);
        assertThat(cased.split("Ångström 中国")).containsExactly("Ångström", "中国");
        assertThat(uncased.split("Ångström 中国")).containsExactly("angstrom", "中", "国");
    }
}

package org.netstudio.engine.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's basic tokenisation, before WordPiece: cleans the text (drops control characters and
 * U+FFFD, turns every kind of white space into a space), isolates CJK ideographs, optionally
 * lower-cases and strips accents, then splits it into words at white space and around every
 * punctuation character. This is what the BertNormalizer and BertPreTokenizer of HuggingFace's
 * tokenizer.json describe. Immutable and thread-safe.
 */
final class BertTextSplitter {

    private final boolean lowercase;
    private final boolean stripAccents;
    private final boolean splitCjk;

    /**
     * @param lowercase    whether to lower-case the text
     * @param stripAccents whether to drop combining marks after canonical decomposition ("café" → "cafe")
     * @param splitCjk     whether every CJK ideograph is a word of its own (Chinese has no spaces)
     */
    BertTextSplitter(boolean lowercase, boolean stripAccents, boolean splitCjk) {
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
        this.splitCjk = splitCjk;
    }

    /** The words of a text, in order; none for a text of only white space. */
    List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String normal = normalize(text);
        for (int i = 0; i < normal.length(); ) {
            int c = normal.codePointAt(i);
            i += Character.charCount(c);
            if (c == ' ') {
                flush(word, words);
            } else if (isPunctuation(c) || (splitCjk && isCjk(c))) {
                flush(word, words);
                words.add(new String(Character.toChars(c)));
            } else {
                word.appendCodePoint(c);
            }
        }
        flush(word, words);
        return words;
    }

    private String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (isWhitespace(c)) {
                sb.append(' ');
            } else if (c != 0 && c != 0xFFFD && !isControl(c)) {
                sb.appendCodePoint(c);
            }
        });
        String s = sb.toString();
        if (stripAccents) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD).codePoints()
                    .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        }
        if (!lowercase) {
            return s;
        }
        // Code point by code point, as HuggingFace does: a final capital sigma becomes σ, not ς.
        StringBuilder lower = new StringBuilder(s.length());
        s.codePoints().forEach(c -> lower.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT)));
        return lower.toString();
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean isWhitespace(int c) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    // Tab, newline and carriage return count as white space, not control characters.
    private static boolean isControl(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    // BERT counts every non-alphanumeric ASCII symbol as punctuation ("$", "^", "`"), not only Unicode's P*.
    static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    // The CJK Unified Ideographs blocks, as BERT defines them (not Hangul, Hiragana or Katakana).
    static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}

package org.netstudio.netgraph.text;

/**
 * How many single-character insertions, deletions and substitutions turn one text into another
 * (Levenshtein distance): what "did you mean" suggestions for an unknown name rank by.
 */
public final class EditDistance {

    private EditDistance() {}

    /**
     * The edit distance between two texts, case-sensitive.
     *
     * @param a one text
     * @param b the other
     * @return 0 when equal, at most the longer one's length
     */
    public static int between(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

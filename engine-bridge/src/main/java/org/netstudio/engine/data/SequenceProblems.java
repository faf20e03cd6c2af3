package org.netstudio.engine.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated sequence problems that need no download: data for trying a recurrent or attention
 * net on sequences of varying length, and for tests. The same seed gives the same data
 * everywhere.
 */
public final class SequenceProblems {

    /** How many filler tokens there are besides the class markers. */
    public static final int FILLERS = 10;

    private SequenceProblems() {
    }

    /**
     * Sequences of tokens of varying length where the class is the marker token that occurs most
     * often: tokens {@code 0 … classes−1} are markers, {@code classes … classes+9} fillers. To get
     * it right a net must count through the whole sequence, whatever its length.
     *
     * @param classes   how many classes (markers), 2 or more
     * @param examples  how many sequences
     * @param minLength the shortest sequence, at least {@code classes + 1}
     * @param maxLength the longest sequence
     * @param seed      the generator's seed
     * @return a table with column {@value ExampleTable#FEATURES} (token sequences) and {@value ExampleTable#TARGET} (the class)
     */
    public static ExampleTable majority(int classes, int examples, int minLength, int maxLength, long seed) {
        if (classes < 2 || minLength <= classes || maxLength < minLength || examples < 1) {
            throw new IllegalArgumentException("A majority problem needs 2 or more classes, sequences longer than the"
                    + " number of classes and at least one example, but got " + classes + " classes, lengths "
                    + minLength + " to " + maxLength + " and " + examples + " examples");
        }
        Random random = new Random(seed);
        List<int[]> sequences = new ArrayList<>(examples);
        int[] labels = new int[examples];
        for (int e = 0; e < examples; e++) {
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            int label = random.nextInt(classes);
            // The label's marker occurs once more than any other marker; the rest are fillers.
            int others = random.nextInt(Math.max(1, (length - 1) / (classes + 1)));
            int[] s = new int[length];
            int at = 0;
            for (int c = 0; c < classes; c++) {
                int times = c == label ? others + 1 : random.nextInt(others + 1);
                for (int i = 0; i < times && at < length; i++) {
                    s[at++] = c;
                }
            }
            while (at < length) {
                s[at++] = classes + random.nextInt(FILLERS);
            }
            Permutations.shuffle(s, random);
            sequences.add(s);
            labels[e] = label;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("marker " + c);
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put(ExampleTable.FEATURES, SequenceColumn.ofIndices(sequences, classes + FILLERS, "tokens"));
        columns.put(ExampleTable.TARGET, new TargetColumn(new Targets.Classes(labels, names)));
        return new ExampleTable("Majority (" + classes + " classes)", columns, null, names);
    }

    /**
     * Next-element prediction: each example is a stretch of a sequence that repeats a pattern
     * drawn for it (of 2 to 6 elements); the target at each position is the element after it.
     *
     * @param vocabulary how many distinct elements
     * @param examples   how many stretches
     * @param minLength  the shortest stretch
     * @param maxLength  the longest stretch
     * @param seed       the generator's seed
     * @return a table with columns {@value ExampleTable#FEATURES} and {@value ExampleTable#TARGET}, both element sequences
     */
    public static ExampleTable nextElement(int vocabulary, int examples, int minLength, int maxLength, long seed) {
        Random random = new Random(seed);
        List<int[]> inputs = new ArrayList<>(examples);
        List<int[]> targets = new ArrayList<>(examples);
        for (int e = 0; e < examples; e++) {
            int period = 2 + random.nextInt(5);
            int[] pattern = new int[period];
            for (int i = 0; i < period; i++) {
                pattern[i] = random.nextInt(vocabulary);
            }
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            int[] in = new int[length];
            int[] out = new int[length];
            for (int i = 0; i < length; i++) {
                in[i] = pattern[i % period];
                out[i] = pattern[(i + 1) % period];
            }
            inputs.add(in);
            targets.add(out);
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put(ExampleTable.FEATURES, SequenceColumn.ofIndices(inputs, vocabulary, "elements"));
        columns.put(ExampleTable.TARGET, SequenceColumn.ofIndices(targets, vocabulary, "elements"));
        return new ExampleTable("Next element (" + vocabulary + ")", columns, null, List.of());
    }

}

package org.netstudio.app.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A small labelled set of short English sentences about sport or about cooking (216, half each), in
 * a shuffled CSV table with columns sentence and label: what a sentence classifier made of a
 * pretrained encoder should tell apart after a few steps.
 */
public final class TopicSentences {

    public static final List<String> TOPICS = List.of("cooking", "sport");

    private static final List<String> SPORT_WHO = List.of("the team", "our striker", "the coach", "the goalkeeper",
            "the players", "the referee");
    private static final List<String> SPORT_DID = List.of("scored a late goal", "won the match", "trained on the pitch",
            "lost the final", "kicked the ball", "celebrated the victory");
    private static final List<String> COOK_WHO = List.of("the chef", "my grandmother", "the baker", "the cook",
            "our neighbour", "the waiter");
    private static final List<String> COOK_DID = List.of("baked fresh bread", "stirred the soup", "sliced the onions",
            "served a warm pie", "roasted the vegetables", "seasoned the sauce");
    private static final List<String> WHEN = List.of("yesterday", "this morning", "again");

    private TopicSentences() {
    }

    /** Writes the table to {@code file} and returns it. */
    public static Path write(Path file) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String when : WHEN) {
            for (int i = 0; i < SPORT_WHO.size(); i++) {
                for (int j = 0; j < SPORT_DID.size(); j++) {
                    rows.add(SPORT_WHO.get(i) + " " + SPORT_DID.get(j) + " " + when + ",sport");
                    rows.add(COOK_WHO.get(i) + " " + COOK_DID.get(j) + " " + when + ",cooking");
                }
            }
        }
        Collections.shuffle(rows, new Random(7));
        rows.add(0, "sentence,label");
        return Files.write(file, rows);
    }
}

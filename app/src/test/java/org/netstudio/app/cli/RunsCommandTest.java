package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netstudio train} records every run; {@code netstudio runs} lists, shows and deletes them. */
class RunsCommandTest {

    @TempDir
    Path dir;

    private CliRun train(Path net, String rate, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", net.toString(), "--data",
                "spirals", "--epochs", "2", "--learning-rate", rate, "--runs", dir.resolve("runs").toString(), "--out",
                dir.resolve("out-" + rate + "-" + extra.length + ".nsnet").toString()));
        args.addAll(java.util.List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void everyTrainingIsRecordedAndListedNewestFirstWithItsOptions() throws Exception {
        Path net = Files.writeString(dir.resolve("spirals.json"), TrainEvalPredictCommandTest.SPIRALS_MLP);
        Path other = Files.writeString(dir.resolve("other.json"),
                TrainEvalPredictCommandTest.SPIRALS_MLP.replace("Spirals MLP", "Other MLP"));
        CliRun first = train(net, "0.01");
        CliRun second = train(net, "0.003", "--tag", "smaller rate");
        assertThat(train(other, "0.01").exit()).isZero();
        assertThat(train(other, "0.01", "--no-record").err()).doesNotContain("Run recorded");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).containsPattern("Run recorded: \\d{8}-\\d{6}-[0-9a-f]{4} \\(.*runs.*\\)");
        CliRun listed = run("runs", net.toString(), "--runs", dir.resolve("runs").toString(), "--json");
        assertThat(listed.exit()).as(listed.err()).isZero();
        JsonNode runs = listed.json();
        assertThat(runs).hasSize(2);
        JsonNode newest = runs.get(0);
        assertThat(newest.get("net").asText()).isEqualTo("Spirals MLP");
        assertThat(newest.get("status").asText()).isEqualTo("completed");
        assertThat(newest.get("epochs").asInt()).isEqualTo(2);
        assertThat(newest.get("options").get("learningRate").asText()).isEqualTo("0.003");
        assertThat(newest.get("tags").get(0).asText()).isEqualTo("smaller rate");
        assertThat(newest.get("validationAccuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(runs.get(1).get("options").get("learningRate").asText()).isEqualTo("0.01");
        assertThat(run("runs", "--runs", dir.resolve("runs").toString(), "--json").json()).hasSize(3);

        CliRun table = run("runs", "Spirals MLP", "--runs", dir.resolve("runs").toString());
        assertThat(table.out()).contains("ID", "STATUS", "VAL ACC", "OPTIMIZER", "completed", "adam").contains("2 runs in");
        String id = newest.get("id").asText();
        CliRun show = run("runs", "show", id, "--runs", dir.resolve("runs").toString());
        assertThat(show.out()).contains("Run " + id, "learningRate 0.003", "EPOCH", "best");

        CliRun deleted = run("runs", "--delete", id, "--runs", dir.resolve("runs").toString());
        assertThat(deleted.out()).contains("Deleted run " + id);
        assertThat(run("runs", net.toString(), "--runs", dir.resolve("runs").toString(), "--json").json()).hasSize(1);
        CliRun missing = run("runs", "show", id, "--runs", dir.resolve("runs").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(missing.err()).contains(id + ": there is no such run");
    }
}

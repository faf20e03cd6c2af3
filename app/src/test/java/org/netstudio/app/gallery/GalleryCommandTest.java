package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.netstudio.app.cli.CliRun;

/** {@code netstudio gallery}, and gallery ids wherever the command line takes a NET. */
class GalleryCommandTest {

    @Test
    void galleryPrintsATableOfIdNameTaskAndParameters() {
        CliRun r = run("gallery");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).matches("ID\\s+NAME\\s+TASK\\s+PARAMETERS\\s+TRAINABLE\\s+NON-TRAINABLE\\s+WEIGHTS");
        // the total, then which are trainable and which are not: the numbers the window shows
        assertThat(r.out())
                .containsPattern("(?m)^resnet50\\s+ResNet-50\\s+Image classification \\(ImageNet\\)\\s+25,610,152\\s+25,557,032\\s+53,120\\s+download needed$")
                .containsPattern("(?m)^fashion-cnn\\s+.*\\s+422,026\\s+421,834\\s+192\\s+none$")
                .containsPattern("(?m)^vgg16\\s+VGG-16\\s+.*\\s+138,357,544\\s+138,357,544\\s+0\\s+download needed$")
                .containsPattern("(?m)^mobilenet-v2\\s+MobileNetV2\\s+.*\\s+3,538,984\\s+3,504,872\\s+34,112\\s+download needed$")
                .containsPattern("(?m)^lenet\\s+LeNet-5\\s+.*\\s+61,706\\s+61,706\\s+0\\s+none$")
                .containsPattern("(?m)^transformer-encoder\\s+Transformer encoder\\s+.*\\s+5,851,140\\s+5,851,140\\s+0\\s+none$")
                .containsPattern("(?m)^minilm\\s+all-MiniLM-L6-v2\\s+.*\\s+included$")
                .contains("17 nets, the pretrained ones first.").contains("the trainable ones are what training learns")
                .contains("netstudio info ID");
        assertThat(lines[1]).startsWith("minilm ");
        assertThat(lines[2]).startsWith("fashion-cnn-pretrained ");
        assertThat(lines[3]).startsWith("bge-small-en-v1.5 ");
        assertThat(lines[4]).startsWith("e5-small-v2 ");
        // the parameter columns are right-aligned: every count ends at the same column
        assertThat(lines[1].indexOf("22,713,216") + "22,713,216".length())
                .isEqualTo(lines[0].indexOf("PARAMETERS") + "PARAMETERS".length());
    }

    @Test
    void galleryJsonIsAnArrayOfObjects() throws IOException {
        CliRun r = run("gallery", "--json");
        assertThat(r.exit()).isZero();
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertThat(a.isArray()).isTrue();
        assertThat(a).hasSize(17);
        JsonNode resnet = null;
        for (JsonNode n : a) {
            if (n.get("id").asText().equals("resnet50")) {
                resnet = n;
            }
        }
        assertThat(resnet).isNotNull();
        assertThat(resnet.get("name").asText()).isEqualTo("ResNet-50");
        assertThat(resnet.get("task").asText()).isEqualTo("Image classification (ImageNet)");
        assertThat(resnet.at("/parameters/trainable").asLong()).isEqualTo(25_557_032);
        assertThat(resnet.at("/parameters/nonTrainable").asLong()).isEqualTo(53_120);
        assertThat(resnet.at("/parameters/total").asLong()).isEqualTo(25_610_152);
        assertThat(resnet.get("referenceParameters").asLong()).isEqualTo(25_557_032);
        assertThat(resnet.at("/inputs/0/shape").toString()).isEqualTo("[3,224,224]");
        assertThat(resnet.at("/inputs/0/coder").asText()).isEqualTo("Image");
        assertThat(resnet.at("/outputs/0/coder").asText()).isEqualTo("Class");
        assertThat(resnet.get("pretrained").asBoolean()).isFalse();
        assertThat(resnet.get("layers").asInt()).isPositive();
        assertThat(resnet.get("source").asText()).contains("He").contains("torchvision");
        JsonNode gru = a.get(15);
        assertThat(gru.get("id").asText()).as("after the two pretrained nets and the two downloaded encoders").isEqualTo("gru-classifier");
        assertThat(gru.at("/inputs/0/shape").toString()).isEqualTo("[\"n\"]");
        assertThat(gru.at("/inputs/0/indexRange").asInt()).isEqualTo(20_000);
    }

    @Test
    void infoTakesAGalleryId() {
        CliRun r = run("info", "resnet50");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("ResNet-50")
                .contains("25,610,152 parameters (25,557,032 trainable + 53,120 non-trainable)")
                .containsPattern("layer4/2/relu3\\s+Ramp\\s+2048×7×7");
    }

    @Test
    void infoJsonOfAGalleryNet() throws IOException {
        CliRun r = run("info", "--json", "mobilenet_v2");
        assertThat(r.exit()).isZero();
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("name").asText()).isEqualTo("MobileNetV2");
        assertThat(o.at("/parameters/trainable").asLong()).isEqualTo(3_504_872);
        assertThat(o.get("valid").asBoolean()).isTrue();
    }

    @Test
    void checkTakesAGalleryId() {
        for (String id : new String[] {"vgg16", "unet", "char-lstm", "transformer-encoder"}) {
            CliRun r = run("check", id);
            assertThat(r.exit()).as(id).isZero();
            assertThat(r.out().strip()).as(id).isEqualTo("valid");
        }
    }

    @Test
    void aNameThatIsNeitherAFileNorAGalleryNetExitsWithTwo() {
        CliRun r = run("check", "resnet51");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("resnet51: no such file, nor a net of the gallery (netstudio gallery lists them)");
        CliRun info = run("info", "no/such/resnet50");
        assertThat(info.exit()).isEqualTo(2);
        assertThat(info.err()).contains("no such file");
    }

    @Test
    void helpListsTheGalleryCommand() {
        CliRun r = run("--help");
        assertThat(r.out()).containsPattern("gallery\\s+List the reference nets of the gallery");
    }
}

package org.netstudio.netgraph.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.NetFileReader;

class ParameterCountTest {

    @Test
    void theSentenceGivesTheTotalThenWhichAreTrainableAndWhichAreNot() throws IOException {
        try (InputStream in = ParameterCountTest.class.getResourceAsStream("/nets/d2l-lenet-batchnorm.json")) {
            NetSummary s = NetSummary.of(NetFileReader.read(in, "d2l-lenet-batchnorm.json").net());
            assertThat(s.parameters().sentence())
                    .isEqualTo("45,330 parameters (44,878 trainable + 452 non-trainable)");
        }
        assertThat(ParameterCount.of(61_706, 61_706).sentence())
                .isEqualTo("61,706 parameters (61,706 trainable + 0 non-trainable)");
        assertThat(ParameterCount.of(1, 1).sentence()).isEqualTo("1 parameter (1 trainable + 0 non-trainable)");
    }

    @Test
    void noParametersAndUnknownCountsAreSaidInWords() {
        assertThat(ParameterCount.of(0, 0).sentenceStart()).isEqualTo("No parameters");
        assertThat(ParameterCount.of(-1, 0).sentenceStart()).isEqualTo("Parameters not known yet");
        assertThat(ParameterCount.of(-1, 0).known()).isFalse();
        assertThat(ParameterCount.of(100, -1).nonTrainable()).isEqualTo(-1);
    }
}

package org.netstudio.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.DatasetCatalog;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.data.NetFacts;
import org.netstudio.engine.data.WordNetNouns;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Layer;

/** The trainer's data menu offers WordNet's nouns to a net that reads text, as the command line does. */
class WordNetDataTest {

    @Test
    void aTextClassifierLoadsWordNetsDefinitionsWithTheirTestSplit() throws Exception {
        assumeTrue(DatasetCatalog.standard().isOnDisk(DatasetSource.WORDNET_NOUNS), "Debian's wordnet-base is not installed");
        Chain net = Chain.of(PortDecls.encoder(new Coder("Tokens", Map.of())), Layer.of("Embedding", "size", 8),
                Layer.of("GlobalPooling"), Layer.of("Linear", "units", 4), Layer.of("Softmax"))
                .withOutput(PortDecls.decoder(new Coder("Class", Map.of("labels", WordNetNouns.classes()))));

        LoadedData data = new DataLoader().load(DataChoice.of(DatasetSource.WORDNET_NOUNS), NetFacts.UNKNOWN, net, null);

        assertThat(data.text()).isPresent();
        assertThat(data.examples().size()).isEqualTo(1600);
        assertThat(data.examples().test()).hasValueSatisfying(t -> assertThat(t.size()).isEqualTo(400));
        assertThat(data.examples().classNames()).isEqualTo(List.of("animal", "artifact", "food", "plant"));
        assertThat(new DataLoader().isAvailable(DatasetSource.WORDNET_NOUNS)).isTrue();
    }
}

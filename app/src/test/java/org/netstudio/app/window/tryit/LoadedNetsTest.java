package org.netstudio.app.window.tryit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** A view keeps one loaded net while the net and weights stay the same, and frees it when they change. */
class LoadedNetsTest {

    private final List<Loaded> made = new ArrayList<>();

    private final class Loaded implements AutoCloseable {
        boolean closed;

        Loaded() {
            made.add(this);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static NetNode net(int units) {
        return Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", units));
    }

    @Test
    void theSameNetAndWeightsLoadOnceAndAnotherFreesThePrevious() {
        LoadedNets<Loaded> nets = new LoadedNets<>();
        NetNode a = net(3);
        Loaded first = nets.get(a, null, Loaded::new);
        assertThat(nets.get(a, null, Loaded::new)).isSameAs(first);
        assertThat(made).hasSize(1);

        // An edit makes a new net value: loaded again, the old one freed.
        Loaded second = nets.get(net(3), null, Loaded::new);
        assertThat(second).isNotSameAs(first);
        assertThat(first.closed).isTrue();

        // New weights for the same net load again too.
        Loaded third = nets.get(a, Weights.EMPTY, Loaded::new);
        assertThat(second.closed).isTrue();
        nets.clear();
        assertThat(third.closed).isTrue();
        assertThat(made).hasSize(3);
    }
}

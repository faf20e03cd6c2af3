package org.netstudio.app.window.preview;

import java.util.List;
import org.netstudio.engine.tensor.TensorValue;

/**
 * One example to preview: a value for each net input (without the batch axis) and what it is, for people.
 *
 * @param caption "test example 12 of 10,000: Ankle boot", "random input 3", "boot.png"
 * @param inputs  one value per net input, in port order
 */
record PreviewExample(String caption, List<TensorValue> inputs) {
    PreviewExample {
        inputs = List.copyOf(inputs);
    }
}

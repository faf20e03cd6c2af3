/**
 * {@link org.netstudio.engine.tensor.TensorValue}, the tensor in Java memory that the engine's
 * runners take and return. It sits below every other engine package (it uses none of them), so the
 * compiler's ONNX kernels, the text tokenizers and the runners can all speak it without a cycle.
 */
package org.netstudio.engine.tensor;

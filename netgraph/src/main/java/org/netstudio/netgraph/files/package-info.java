/**
 * Nets by file name: {@link org.netstudio.netgraph.files.NetFiles} picks the reader or writer for
 * a {@code .json}, {@code .nsnet} or {@code .onnx} file. It stands above {@code io} (NetStudio's
 * formats) and {@code io.onnx} (the ONNX import, which builds on {@code io}), so neither of those
 * depends on it.
 */
package org.netstudio.netgraph.files;

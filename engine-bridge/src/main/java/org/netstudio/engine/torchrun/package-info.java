/**
 * Training past one machine: a net exported as a PyTorch project that trains with PyTorch's
 * DistributedDataParallel under {@code torchrun}, and the run brought back.
 *
 * <p>{@link org.netstudio.engine.torchrun.PyTorchProject} writes the project folder (netgraph's
 * {@code model.py} beside {@code train.py}, {@code data.py}, {@code recipe.json}, the examples and a
 * README); {@link org.netstudio.engine.torchrun.TorchrunJob} runs it with the Python {@link
 * org.netstudio.engine.torchrun.PythonFinder} finds and turns its JSON progress lines into the
 * {@link org.netstudio.engine.train.TrainingEvent}s NetStudio's own trainer sends; {@link
 * org.netstudio.engine.torchrun.TorchrunLaunch} says how many processes and machines, and gives the
 * command to run on a cluster.
 */
package org.netstudio.engine.torchrun;

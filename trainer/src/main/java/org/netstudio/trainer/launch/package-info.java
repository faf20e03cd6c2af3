/**
 * Where the trainer panel trains: NetStudio's own engine, or the net exported as a PyTorch project
 * and run under {@code torchrun} on several processes; the choice as a validated form
 * (view-model) and its view.
 */
package org.netstudio.trainer.launch;

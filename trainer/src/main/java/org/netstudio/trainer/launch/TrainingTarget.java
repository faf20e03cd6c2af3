package org.netstudio.trainer.launch;

/** Which engine trains the net when the person presses Train. */
public enum TrainingTarget {
    /** NetStudio's own trainer (DJL), in this process. */
    NETSTUDIO,
    /** The net exported as a PyTorch project, trained by {@code torchrun} with DistributedDataParallel. */
    TORCHRUN;

    /** How the choice reads: "NetStudio", "PyTorch (torchrun)". */
    public String label() {
        return switch (this) {
            case NETSTUDIO -> "NetStudio";
            case TORCHRUN -> "PyTorch (torchrun)";
        };
    }
}

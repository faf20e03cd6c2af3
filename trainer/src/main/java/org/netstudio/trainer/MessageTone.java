package org.netstudio.trainer;

/** How the trainer panel's message reads: a problem to fix, news on the way, or something done. */
public enum MessageTone {
    /** Something stands in the way (the error colour). */
    PROBLEM,
    /** What is happening or was found (the plain colour). */
    NOTICE,
    /** An action went through (the success colour). */
    DONE
}

package org.netstudio.trainer;

/**
 * The trainer panel's latest message for people (a failure, a confirmation) and how it reads.
 *
 * @param text the message, or empty
 * @param tone a problem unless the panel says otherwise
 */
public record TrainerMessage(String text, MessageTone tone) {

    /** No message. */
    public static final TrainerMessage NONE = problem("");

    /** A message about something that stands in the way. */
    public static TrainerMessage problem(String text) {
        return new TrainerMessage(text, MessageTone.PROBLEM);
    }
}

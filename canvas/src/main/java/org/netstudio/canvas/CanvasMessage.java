package org.netstudio.canvas;

/**
 * A transient message for the canvas to show (a refused wire and why). {@code serial} makes two
 * equal texts in a row two distinct messages.
 */
public record CanvasMessage(String text, long serial) {
}

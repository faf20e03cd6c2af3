package org.netstudio.netgraph.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How training varies the images an Image encoder reads, so that a net learns what stays the same
 * when a picture shifts, mirrors, tilts or changes its light: the encoder's {@code augmentation}
 * option. Only training batches are varied; validation, evaluation and prediction see the images
 * as they are. Immutable.
 *
 * <p>In the file: {@code "augmentation": {"crop": 4, "flip": true, "rotation": 10, "brightness":
 * 0.1, "contrast": 0.1}}, every entry optional.
 *
 * @param crop random crop after padding: the picture moves by up to this many pixels in each
 *     direction, what comes in from the border is 0; 0 for none
 * @param flip whether half of the pictures are mirrored left to right
 * @param rotation the largest tilt in degrees, either way (at most 180); 0 for none
 * @param brightness the largest value added to every pixel, either way; 0 for none
 * @param contrast the largest relative change of the distance of each pixel from the picture's
 *     mean, either way (below 1); 0 for none
 */
public record ImageAugmentation(int crop, boolean flip, double rotation, double brightness, double contrast) {

    /** The encoder option that holds it. */
    public static final String OPTION = "augmentation";

    /** The entries the option takes. */
    public static final List<String> ENTRIES = List.of("crop", "flip", "rotation", "brightness", "contrast");

    /** No variation. */
    public static final ImageAugmentation NONE = new ImageAugmentation(0, false, 0, 0, 0);

    /** Checks each entry, naming it. */
    public ImageAugmentation {
        if (crop < 0 || crop > 64) {
            throw new CoderOptionException(OPTION, -1, "augmentation crop must be a whole number of pixels from 0 to 64,"
                    + " but got " + crop);
        }
        check("rotation", rotation, 180, true);
        check("brightness", brightness, 10, true);
        check("contrast", contrast, 1, false);
    }

    private static void check(String name, double value, double max, boolean maxIncluded) {
        if (!(value >= 0) || value > max || !maxIncluded && value == max) {
            throw new CoderOptionException(OPTION, -1, "augmentation " + name + " must be a number from 0 to "
                    + (max == Math.rint(max) ? Long.toString((long) max) : Double.toString(max))
                    + (maxIncluded ? "" : " (not included)") + ", but got " + value);
        }
    }

    /** Whether it varies anything. */
    public boolean any() {
        return !equals(NONE);
    }

    /**
     * The augmentation an Image encoder declares, or {@link #NONE}.
     *
     * @param coder an encoder, or null
     * @return its augmentation
     * @throws CoderOptionException when the option is malformed
     */
    public static ImageAugmentation of(Coder coder) {
        if (coder == null || !coder.type().equals("Image")) {
            return NONE;
        }
        return parse(coder.options().get(OPTION)).orElse(NONE);
    }

    /**
     * Reads the option's value (a JSON object as a map), or empty when absent.
     *
     * @throws CoderOptionException naming what is wrong
     */
    static Optional<ImageAugmentation> parse(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new CoderOptionException(OPTION, -1, "augmentation must be an object such as {\"flip\": true,"
                    + " \"crop\": 4}, but got " + value);
        }
        for (Object key : map.keySet()) {
            if (!ENTRIES.contains(String.valueOf(key))) {
                throw new CoderOptionException(OPTION, -1, "augmentation has no entry \"" + key + "\" (it has "
                        + String.join(", ", ENTRIES) + ")");
            }
        }
        Object flip = map.get("flip");
        if (flip != null && !(flip instanceof Boolean)) {
            throw new CoderOptionException(OPTION, -1, "augmentation flip must be true or false, but got " + flip);
        }
        Object crop = map.get("crop");
        if (crop != null && !(crop instanceof Integer)) {
            throw new CoderOptionException(OPTION, -1, "augmentation crop must be a whole number of pixels, but got "
                    + crop);
        }
        return Optional.of(new ImageAugmentation(crop == null ? 0 : (Integer) crop, Boolean.TRUE.equals(flip),
                number(map, "rotation"), number(map, "brightness"), number(map, "contrast")));
    }

    private static double number(Map<?, ?> map, String name) {
        Object v = map.get(name);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n)) {
            throw new CoderOptionException(OPTION, -1, "augmentation " + name + " must be a number, but got " + v);
        }
        return n.doubleValue();
    }

    /** The option's value as the file holds it: only the entries that vary something. */
    public Map<String, Object> toOption() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (crop > 0) {
            m.put("crop", crop);
        }
        if (flip) {
            m.put("flip", true);
        }
        if (rotation > 0) {
            m.put("rotation", rotation);
        }
        if (brightness > 0) {
            m.put("brightness", brightness);
        }
        if (contrast > 0) {
            m.put("contrast", contrast);
        }
        return m;
    }

    /**
     * The short form the inspector and {@code train --augment} take and show: entries separated by
     * commas, e.g. {@code crop 4, flip, rotation 10, brightness 0.1, contrast 0.1}, or {@code none}.
     */
    public String text() {
        List<String> parts = new java.util.ArrayList<>();
        if (crop > 0) {
            parts.add("crop " + crop);
        }
        if (flip) {
            parts.add("flip");
        }
        if (rotation > 0) {
            parts.add("rotation " + trim(rotation));
        }
        if (brightness > 0) {
            parts.add("brightness " + trim(brightness));
        }
        if (contrast > 0) {
            parts.add("contrast " + trim(contrast));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /**
     * Reads the short form of {@link #text()}.
     *
     * @throws IllegalArgumentException quoting the part that is wrong
     */
    public static ImageAugmentation parseText(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return NONE;
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (String part : t.split("\\s*,\\s*")) {
            String[] words = part.strip().split("\\s+");
            String name = words[0].toLowerCase(java.util.Locale.ROOT);
            if (!ENTRIES.contains(name)) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not an augmentation; use crop N, flip,"
                        + " rotation DEGREES, brightness X or contrast X, separated by commas");
            }
            if (name.equals("flip")) {
                if (words.length != 1) {
                    throw new IllegalArgumentException("flip takes no number, but got '" + part.strip() + "'");
                }
                entries.put(name, true);
                continue;
            }
            if (words.length != 2) {
                throw new IllegalArgumentException(name + " takes one number, e.g. '" + name + " "
                        + (name.equals("crop") ? "4" : name.equals("rotation") ? "10" : "0.1") + "', but got '"
                        + part.strip() + "'");
            }
            try {
                entries.put(name, name.equals("crop") ? (Object) Integer.parseInt(words[1])
                        : (Object) Double.parseDouble(words[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes " + (name.equals("crop") ? "a whole number of pixels"
                        : "a number") + ", but got '" + words[1] + "'");
            }
        }
        return parse(entries).orElse(NONE);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

package org.netstudio.app.window.gallery;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.app.gallery.WeightsDownload;

/**
 * What a gallery card says about an entry's weights, from what the index states and whether they
 * are in the cache: pretrained weights that ship with NetStudio, weights that can be downloaded (and
 * how large they are, when the index says), weights already downloaded, or none (an architecture
 * only). {@code headline} is the card's status line, {@code opens} says what opening the card gives.
 *
 * @param kind     which of the four it is
 * @param headline e.g. "Pretrained · 92.5% test accuracy", "ImageNet weights: 45 MB download", "ImageNet
 *                 weights to download" (when the index does not say how large they are)
 * @param opens    e.g. "Opens untrained until they are downloaded."
 */
public record WeightsStatus(Kind kind, String headline, String opens) {

    /** Which weights an entry has. */
    public enum Kind {
        /** No trained weights: the architecture only. */
        NONE,
        /** Trained weights ship with NetStudio. */
        INCLUDED,
        /** Trained weights can be downloaded and are not in the cache yet. */
        DOWNLOADABLE,
        /** Downloaded trained weights are in the cache. */
        CACHED
    }

    /** "0.925 accuracy on the 10,000 test images", as the descriptions of nets the project trained say it. */
    private static final Pattern ACCURACY = Pattern.compile("\\b(0\\.\\d+|1\\.0+) accuracy on the [\\d,]+ test\\b");

    /** The status of {@code entry}, whose downloadable weights are in the cache when {@code cached}. */
    public static WeightsStatus of(GalleryEntry entry, boolean cached) {
        if (entry.weightsDownload().isPresent()) {
            WeightsDownload d = entry.weightsDownload().get();
            // A sentence encoder's download is its whole model and tokenizer, without which it embeds nothing.
            boolean model = d.archive();
            String what = model ? "Pretrained model" : dataset(entry) + " weights";
            if (cached) {
                return new WeightsStatus(Kind.CACHED, what + (model ? " downloaded" : " cached"),
                        model ? "Opens with the downloaded model." : "Opens with the downloaded weights.");
            }
            String headline = d.bytes() > 0 ? what + ": " + WeightsDownload.size(d.bytes()) + " download" : what + " to download";
            return new WeightsStatus(Kind.DOWNLOADABLE, headline, model
                    ? "Download it to embed sentences; until then it opens untrained."
                    : "Opens untrained until they are downloaded.");
        }
        if (entry.pretrained()) {
            Matcher m = ACCURACY.matcher(entry.description());
            String headline = m.find() ? "Pretrained · " + percent(m.group(1)) + " test accuracy"
                    : "Pretrained weights included";
            return new WeightsStatus(Kind.INCLUDED, headline, "Opens with its trained weights.");
        }
        return new WeightsStatus(Kind.NONE, "Architecture only", "Opens untrained, ready to train.");
    }

    /** "ImageNet" when the entry says its weights were trained there; otherwise "Pretrained". */
    static String dataset(GalleryEntry entry) {
        String said = (entry.task() + " " + entry.weightsDownload().map(WeightsDownload::license).orElse(""))
                .toLowerCase(Locale.ROOT);
        return said.contains("imagenet") ? "ImageNet" : "Pretrained";
    }

    private static String percent(String fraction) {
        double p = Double.parseDouble(fraction) * 100;
        String text = String.format(Locale.ROOT, "%.1f", p);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + "%";
    }
}

package org.netstudio.canvas.preview;

/**
 * Draws a {@link PortPicture} into ARGB pixels: feature maps as a grid of tiles (each channel
 * scaled to its own range, so faint channels still show their pattern), vectors as bars around
 * zero, matrices as a heat map, NaN and infinities in magenta. Pure: no JavaFX, so it is tested
 * without a screen and can run off the UI thread.
 */
public final class PictureRenderer {

    /** The colour of a number that is not finite. */
    public static final int NOT_FINITE = 0xFFFF00FF;
    /** Background between tiles and behind bars. */
    public static final int BACKGROUND = 0xFF20242C;
    private static final int POSITIVE_BAR = 0xFF4C9AFF;
    private static final int NEGATIVE_BAR = 0xFFFF8A4C;
    /** Tiles smaller than this (pixels) are not drawn; the caption says how many channels show. */
    static final int MIN_TILE = 3;

    // A perceptually even ramp (dark blue → teal → yellow), as viridis runs.
    private static final int[] SEQUENTIAL = {0x440154, 0x3B528B, 0x21908C, 0x5DC863, 0xFDE725};
    // Blue for negative, near white at zero, orange-red for positive.
    private static final int[] DIVERGING = {0x2166AC, 0x92C5DE, 0xF7F7F7, 0xF4A582, 0xB2182B};

    private PictureRenderer() {
    }

    /**
     * A drawn picture: {@code width × height} ARGB pixels, how many channels it shows, and for
     * tiles where they lie ({@code columns} across, each {@code tileWidth × tileHeight} pixels, 1
     * pixel apart, from {@code (left, top)}), so that a pointer can be read back as a value.
     */
    public record Pixels(int width, int height, int[] argb, int channelsShown, int channels, int columns,
                         int tileWidth, int tileHeight, int left, int top) {

        Pixels(int width, int height, int[] argb) {
            this(width, height, argb, 1, 1, 0, 0, 0, 0, 0);
        }

        /**
         * The flat index into the picture's values under pixel (x, y) of a tiled picture, or -1
         * between tiles, outside them, or for other kinds.
         */
        public int valueAt(PortPicture p, int x, int y) {
            if (columns == 0 || p.kind() != PortPicture.Kind.TILES) {
                return -1;
            }
            int cx = x - left;
            int cy = y - top;
            if (cx < 0 || cy < 0) {
                return -1;
            }
            int col = cx / (tileWidth + 1);
            int row = cy / (tileHeight + 1);
            int ix = cx % (tileWidth + 1);
            int iy = cy % (tileHeight + 1);
            int channel = row * columns + col;
            if (col >= columns || ix >= tileWidth || iy >= tileHeight || channel >= channelsShown) {
                return -1;
            }
            int mapH = (int) p.dim(p.rank() - 2);
            int mapW = (int) p.dim(p.rank() - 1);
            return channel * mapH * mapW + Math.min(mapH - 1, iy * mapH / tileHeight) * mapW
                    + Math.min(mapW - 1, ix * mapW / tileWidth);
        }
    }

    /**
     * Draws a value.
     *
     * @param picture the value
     * @param width   pixels across, at least 1
     * @param height  pixels down, at least 1
     * @return the pixels (a scalar gives the background only; the view writes its number)
     */
    public static Pixels render(PortPicture picture, int width, int height) {
        int[] argb = new int[width * height];
        java.util.Arrays.fill(argb, BACKGROUND);
        return switch (picture.kind()) {
            case SCALAR -> new Pixels(width, height, argb);
            case BARS -> bars(picture, width, height, argb);
            case STRIP -> strip(picture, width, height, argb);
            case TILES -> tiles(picture, width, height, argb);
        };
    }

    private static Pixels bars(PortPicture p, int w, int h, int[] argb) {
        int n = p.size();
        float min = p.min();
        float max = p.max();
        boolean signed = min < 0;
        float scale = Math.max(Math.abs(min), Math.abs(max));
        int zero = signed ? h / 2 : h - 1;
        int bins = Math.min(n, w);
        for (int b = 0; b < bins; b++) {
            // Each bin shows the number of largest magnitude among those it covers.
            int from = (int) ((long) b * n / bins);
            int to = Math.max(from + 1, (int) ((long) (b + 1) * n / bins));
            float v = 0;
            boolean bad = false;
            for (int i = from; i < to; i++) {
                float x = p.at(i);
                if (!Float.isFinite(x)) {
                    bad = true;
                } else if (Math.abs(x) > Math.abs(v)) {
                    v = x;
                }
            }
            int x0 = (int) ((long) b * w / bins);
            int x1 = Math.max(x0 + 1, (int) ((long) (b + 1) * w / bins) - (bins < w / 2 ? 1 : 0));
            if (bad) {
                fill(argb, w, x0, 0, x1, h, NOT_FINITE);
                continue;
            }
            int length = scale == 0 ? 0 : Math.round(Math.abs(v) / scale * (signed ? h / 2f : h - 1));
            int top = v >= 0 ? zero - length : zero;
            int bottom = v >= 0 ? zero + 1 : zero + length + 1;
            fill(argb, w, x0, Math.max(0, top), x1, Math.min(h, bottom), v >= 0 ? POSITIVE_BAR : NEGATIVE_BAR);
        }
        return new Pixels(w, h, argb);
    }

    private static Pixels strip(PortPicture p, int w, int h, int[] argb) {
        int rows = (int) p.dim(0);
        int cols = (int) p.dim(1);
        float min = p.min();
        float max = p.max();
        int[] ramp = min < 0 ? DIVERGING : SEQUENTIAL;
        float lo = min < 0 ? -Math.max(-min, max) : min;
        float hi = min < 0 ? Math.max(-min, max) : max;
        for (int y = 0; y < h; y++) {
            int c = Math.min(cols - 1, (int) ((long) y * cols / h));
            for (int x = 0; x < w; x++) {
                int r = Math.min(rows - 1, (int) ((long) x * rows / w));
                argb[y * w + x] = colour(p.at(r * cols + c), lo, hi, ramp);
            }
        }
        return new Pixels(w, h, argb);
    }

    private static Pixels tiles(PortPicture p, int w, int h, int[] argb) {
        int rank = p.rank();
        int tileH = (int) p.dim(rank - 2);
        int tileW = (int) p.dim(rank - 1);
        int channels = p.size() / Math.max(1, tileH * tileW);
        // All channels if their tiles can be MIN_TILE pixels; else as many of the first ones as can.
        double least = MIN_TILE / (double) Math.max(tileW, tileH);
        int shown = channels;
        if (grid(shown, tileW, tileH, w, h)[1] < least) {
            int lo = 1;
            int hi = channels;
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                if (grid(mid, tileW, tileH, w, h)[1] >= least) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            shown = lo;
        }
        double[] best = grid(shown, tileW, tileH, w, h);
        int bestCols = (int) best[0];
        double bestScale = best[1];
        int cols = bestCols;
        int rows = (shown + cols - 1) / cols;
        int pw = Math.max(1, (int) Math.floor(bestScale * tileW));
        int ph = Math.max(1, (int) Math.floor(bestScale * tileH));
        int left = (w - (cols * pw + (cols - 1))) / 2;
        int top = (h - (rows * ph + (rows - 1))) / 2;
        int plane = tileW * tileH;
        for (int c = 0; c < shown; c++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                float v = p.at(i);
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            int ox = left + (c % cols) * (pw + 1);
            int oy = top + (c / cols) * (ph + 1);
            for (int y = 0; y < ph; y++) {
                int sy = Math.min(tileH - 1, y * tileH / ph);
                int py = oy + y;
                if (py < 0 || py >= h) {
                    continue;
                }
                for (int x = 0; x < pw; x++) {
                    int px = ox + x;
                    if (px < 0 || px >= w) {
                        continue;
                    }
                    int sx = Math.min(tileW - 1, x * tileW / pw);
                    argb[py * w + px] = colour(p.at(c * plane + sy * tileW + sx), lo, hi, SEQUENTIAL);
                }
            }
        }
        return new Pixels(w, h, argb, shown, channels, cols, pw, ph, left, top);
    }

    /**
     * A histogram of the finite values in {@code bins} equal bins from the smallest to the largest,
     * drawn as bars over {@code width × height} pixels.
     */
    public static Pixels histogram(PortPicture p, int width, int height, int bins) {
        int[] counts = counts(p, bins);
        int most = 1;
        for (int c : counts) {
            most = Math.max(most, c);
        }
        int[] argb = new int[width * height];
        java.util.Arrays.fill(argb, BACKGROUND);
        for (int b = 0; b < bins; b++) {
            int x0 = b * width / bins;
            int x1 = Math.max(x0 + 1, (b + 1) * width / bins - (bins < width / 2 ? 1 : 0));
            int length = (int) Math.round((double) counts[b] / most * height);
            fill(argb, width, x0, height - length, x1, height, POSITIVE_BAR);
        }
        return new Pixels(width, height, argb);
    }

    /** How many finite values fall in each of {@code bins} equal bins from the smallest to the largest. */
    public static int[] counts(PortPicture p, int bins) {
        int[] counts = new int[bins];
        float lo = p.min();
        float hi = p.max();
        for (int i = 0; i < p.size(); i++) {
            float v = p.at(i);
            if (Float.isFinite(v)) {
                int b = hi > lo ? (int) ((v - lo) / (hi - lo) * bins) : bins / 2;
                counts[Math.max(0, Math.min(bins - 1, b))]++;
            }
        }
        return counts;
    }

    /** {columns, scale}: the grid of {@code count} tiles that makes them largest in {@code w × h}. */
    private static double[] grid(int count, int tileW, int tileH, int w, int h) {
        double[] best = {1, -1};
        for (int cols = 1; cols <= count; cols++) {
            int rows = (count + cols - 1) / cols;
            double scale = Math.min((w - (cols - 1)) / (double) (cols * tileW), (h - (rows - 1)) / (double) (rows * tileH));
            if (scale > best[1]) {
                best[0] = cols;
                best[1] = scale;
            }
        }
        return best;
    }

    /** The colour of {@code v} on a ramp spanning {@code lo … hi}. */
    static int colour(float v, float lo, float hi, int[] ramp) {
        if (!Float.isFinite(v)) {
            return NOT_FINITE;
        }
        double t = hi > lo ? (v - lo) / (double) (hi - lo) : 0.5;
        t = Math.max(0, Math.min(1, t)) * (ramp.length - 1);
        int i = Math.min(ramp.length - 2, (int) t);
        double f = t - i;
        int a = ramp[i];
        int b = ramp[i + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return 0xFF000000 | (r << 16) | (g << 8) | bl;
    }

    private static void fill(int[] argb, int w, int x0, int y0, int x1, int y1, int colour) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < Math.min(x1, w); x++) {
                argb[y * w + x] = colour;
            }
        }
    }
}

package org.netstudio.trainer;

/**
 * Where the chosen data set stands with respect to a download: on disk, offered, or coming in.
 *
 * @param onDisk   false when the chosen IDX set is not on disk (the panel offers a download)
 * @param going    whether a download is going
 * @param progress the download's progress in [0, 1], or -1 while its size is unknown
 */
public record DownloadState(boolean onDisk, boolean going, double progress) {

    /** Nothing to download. */
    public static final DownloadState NONE = new DownloadState(true, false, 0);

    /** Whether the panel offers to download the set: it is missing and not coming in. */
    public boolean offered() {
        return !onDisk && !going;
    }

    DownloadState started() {
        return new DownloadState(onDisk, true, 0);
    }

    DownloadState at(double fraction) {
        return new DownloadState(onDisk, going, fraction);
    }

    DownloadState ended() {
        return new DownloadState(onDisk, false, progress);
    }

    DownloadState missing() {
        return new DownloadState(false, going, progress);
    }

    DownloadState found() {
        return new DownloadState(true, going, progress);
    }
}

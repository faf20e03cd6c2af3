package org.netstudio.trainer;

/**
 * Where the chosen data stands: a line about it, whether it is loading, and its download.
 *
 * @param message  a line about the data: its size and classes, what is being loaded, or why it could not be
 * @param loading  whether data is being loaded or downloaded
 * @param download whether the chosen IDX set is on disk, offered for download, or coming in
 */
public record DataStatus(String message, boolean loading, DownloadState download) {

    /** Before any data is chosen. */
    public static final DataStatus NONE = new DataStatus("", false, DownloadState.NONE);

    /** The same state, with another line about it. */
    DataStatus saying(String newMessage) {
        return new DataStatus(newMessage, loading, download);
    }
}

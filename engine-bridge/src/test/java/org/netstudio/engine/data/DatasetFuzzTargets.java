package org.netstudio.engine.data;

import java.util.List;
import org.netstudio.netgraph.fuzz.FuzzTarget;

/** The fuzz targets of the dataset readers, in the order of the table. */
public final class DatasetFuzzTargets {

    private DatasetFuzzTargets() {
    }

    public static List<FuzzTarget> all() {
        return List.of(new IdxFuzz(), new CsvFuzz(), new ImageFolderFuzz());
    }
}

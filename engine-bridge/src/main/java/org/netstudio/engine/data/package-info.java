/**
 * Datasets for training and testing nets.
 *
 * <p>A {@link org.netstudio.engine.data.Dataset} holds examples with per-example feature shapes
 * (no batch dimension, channels first) and {@link org.netstudio.engine.data.Targets} (class indices
 * with names, or real vectors). Sources: {@link org.netstudio.engine.data.GeneratedDatasets}
 * (spirals, moons, XOR, linear; no download), {@link org.netstudio.engine.data.FashionMnist} and
 * {@link org.netstudio.engine.data.Mnist} (IDX files found by {@link
 * org.netstudio.engine.data.DatasetLocator}, downloaded only on request by {@link
 * org.netstudio.engine.data.DatasetDownloader}), {@link org.netstudio.engine.data.CsvDatasets} and
 * {@link org.netstudio.engine.data.ImageFolderDataset} (read lazily, batch by batch). {@link
 * org.netstudio.engine.data.BatchBuilder} turns examples into DJL arrays.
 *
 * <p>{@link org.netstudio.engine.data.DatasetCatalog} is the one door to all of them: a {@link
 * org.netstudio.engine.data.DataChoice} (a {@link org.netstudio.engine.data.DatasetSource} name or
 * file) and the {@link org.netstudio.engine.data.NetFacts} of the net to feed give the same data in
 * the trainer panel and on the command line. {@link org.netstudio.engine.data.ValidationSplit} is the
 * one way a validation share is held back.
 *
 * <p>Errors in files are {@link org.netstudio.engine.data.DatasetFormatException}s naming the file
 * (and line and column for CSV). Datasets are immutable and may be read from any thread.
 */
package org.netstudio.engine.data;

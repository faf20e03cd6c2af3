/**
 * Choosing the training data in the panel and previewing it; the data itself comes from the
 * engine's {@link org.netstudio.engine.data.DatasetCatalog}, loaded off the UI thread.
 */
package org.netstudio.trainer.data;

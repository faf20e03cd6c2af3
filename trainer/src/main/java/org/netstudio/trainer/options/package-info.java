/**
 * The training options as a validated form (view-model) and its view.
 */
package org.netstudio.trainer.options;

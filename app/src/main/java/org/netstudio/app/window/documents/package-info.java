/**
 * The open nets of the main window, one tab each, and the file commands on them: opening, the
 * recent list, saving, exporting, autosave and recovery after a crash, each a class of its own,
 * wired together by {@link org.netstudio.app.window.documents.Documents}. The window
 * ({@link org.netstudio.app.window.Workspace}) uses them; they know nothing of it.
 */
package org.netstudio.app.window.documents;

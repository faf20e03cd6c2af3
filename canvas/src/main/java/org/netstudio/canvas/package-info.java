/**
 * The NetStudio node editor.
 *
 * <p>Embedding it (one canvas per document tab; everything on the JavaFX thread):
 * <pre>{@code
 * CommandStack stack = new CommandStack(doc);            // the app's stack: Undo/Redo, saved mark
 * CanvasModel model = new CanvasModel(stack);            // view-model: document, inference, level, selection
 * NetCanvas canvas = new NetCanvas(model);               // the editor control
 * Breadcrumb crumbs = new Breadcrumb(model);             // "LeNet-5 › block1", navigates back
 * ProblemsList problems = new ProblemsList(model);       // all diagnostics; click reveals the node
 * Palette palette = new Palette();                       // searchable layers; drag onto the canvas
 * Theme.LIGHT.applyTo(scene.getStylesheets());           // or DARK: the colour tokens (assets)
 * scene.getStylesheets().add(NetCanvas.STYLESHEET);      // the component rules
 * for (CanvasAction a : canvas.getActions().all()) { ... MenuItem(a.text()), a.accelerator(), a::fire, a.enabled() }
 * }</pre>
 * {@link org.netstudio.canvas.CanvasModel#inferenceProperty()} and
 * {@link org.netstudio.canvas.CanvasModel#getSelection()} are what an inspector and a status bar
 * bind to. Every gesture builds netgraph edit commands ({@link org.netstudio.netgraph.edit}) and
 * executes them on the stack as one command: one gesture, one undo entry.
 */
package org.netstudio.canvas;

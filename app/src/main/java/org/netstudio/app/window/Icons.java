package org.netstudio.app.window;

import java.util.EnumMap;
import java.util.Map;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;

/**
 * Line icons for the toolbar, drawn on a 16×16 grid. Their colours come from the stylesheet
 * ({@code .ns-icon}: stroke, {@code .ns-icon-solid}: fill), so they follow the theme.
 */
final class Icons {

    private static final Map<AppAction, String> LINES = new EnumMap<>(AppAction.class);
    private static final Map<AppAction, String> SOLIDS = new EnumMap<>(AppAction.class);

    static {
        LINES.put(AppAction.NEW, "M3.5 1.5 H9.5 L13 5 V14.5 H3.5 Z M9.5 1.5 V5 H13");
        LINES.put(AppAction.OPEN, "M1.5 3 H6 L7.5 4.5 H14.5 V13.5 H1.5 Z M1.5 6.5 H14.5");
        LINES.put(AppAction.SAVE, "M2.5 2.5 H11.5 L13.5 4.5 V13.5 H2.5 Z M5 2.5 V6 H10.5 V2.5 M5 13.5 V9.5 H11 V13.5");
        LINES.put(AppAction.UNDO, "M5.5 3 L2.5 6 L5.5 9 M2.5 6 H10 A3.5 3.5 0 0 1 10 13 H6.5");
        LINES.put(AppAction.REDO, "M10.5 3 L13.5 6 L10.5 9 M13.5 6 H6 A3.5 3.5 0 0 0 6 13 H9.5");
        LINES.put(AppAction.ZOOM_OUT, "M11.5 7 A4.5 4.5 0 1 1 2.5 7 A4.5 4.5 0 1 1 11.5 7 Z M10.3 10.3 L14 14 M4.8 7 H9.2");
        LINES.put(AppAction.ZOOM_IN,
                "M11.5 7 A4.5 4.5 0 1 1 2.5 7 A4.5 4.5 0 1 1 11.5 7 Z M10.3 10.3 L14 14 M4.8 7 H9.2 M7 4.8 V9.2");
        LINES.put(AppAction.ZOOM_TO_FIT, "M2 6 V2 H6 M10 2 H14 V6 M14 10 V14 H10 M6 14 H2 V10");
        LINES.put(AppAction.AUTO_LAYOUT,
                "M6 1.5 H10 V4.5 H6 Z M1.5 11.5 H5.5 V14.5 H1.5 Z M10.5 11.5 H14.5 V14.5 H10.5 Z M8 4.5 V8 M3.5 11.5 V8 H12.5 V11.5");
        LINES.put(AppAction.CHECK, "M14 8 A6 6 0 1 1 2 8 A6 6 0 1 1 14 8 Z M5.2 8.2 L7.2 10.2 L10.8 6.2");
        // A flask: trying the net out.
        LINES.put(AppAction.TRY_IT, "M6 1.5 V6 L2.2 12.8 A1.2 1.2 0 0 0 3.3 14.5 H12.7 A1.2 1.2 0 0 0 13.8 12.8 L10 6 V1.5"
                + " M4.8 1.5 H11.2 M4.3 10 H11.7");
        SOLIDS.put(AppAction.TRAIN, "M4.5 2.5 L13 8 L4.5 13.5 Z");
    }

    private Icons() {
    }

    /** The icon of an action, or {@code null} when it has none. */
    static Node of(AppAction action) {
        String lines = LINES.get(action);
        String solid = SOLIDS.get(action);
        if (lines == null && solid == null) {
            return null;
        }
        SVGPath path = new SVGPath();
        path.setContent(lines != null ? lines : solid);
        path.getStyleClass().add(lines != null ? "ns-icon" : "ns-icon-solid");
        // A fixed 16×16 frame keeps every icon the same size and on the same baseline.
        Rectangle frame = new Rectangle(16, 16);
        frame.getStyleClass().add("ns-icon-frame");
        return new Group(frame, path);
    }
}

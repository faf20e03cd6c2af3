package org.netstudio.netgraph.io.onnx;

import java.util.ArrayList;
import java.util.List;

/** ONNX Slice along one axis of a known size: negative positions count from the end, then clamp. Stateless. */
final class SliceRange {

    private SliceRange() {
    }

    /** The indices Slice takes from an axis of {@code size} elements; step is not 0. */
    static List<Integer> indices(int size, long start, long end, long step) {
        long s = start < 0 ? start + size : start;
        long e = end < 0 ? end + size : end;
        if (step > 0) {
            s = Math.max(0, Math.min(size, s));
            e = Math.max(0, Math.min(size, e));
        } else {
            s = Math.max(-1, Math.min(size - 1, s));
            e = Math.max(-1, Math.min(size - 1, e));
        }
        List<Integer> out = new ArrayList<>();
        for (long i = s; step > 0 ? i < e : i > e; i += step) {
            out.add((int) i);
        }
        return out;
    }

    /** How many elements Slice takes from an axis of {@code size}. */
    static int count(int size, long start, long end, long step) {
        long s = start < 0 ? start + size : start;
        long e = end < 0 ? end + size : end;
        if (step > 0) {
            s = Math.max(0, Math.min(size, s));
            e = Math.max(0, Math.min(size, e));
            return (int) Math.max(0, (e - s + step - 1) / step);
        }
        s = Math.max(-1, Math.min(size - 1, s));
        e = Math.max(-1, Math.min(size - 1, e));
        return (int) Math.max(0, (s - e + (-step) - 1) / (-step));
    }
}

package org.netstudio.netgraph.io.torch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle reader for exactly what {@code torch.save(model.state_dict())} writes into
 * {@code data.pkl}: an OrderedDict of names to tensors, each rebuilt by
 * {@code torch._utils._rebuild_tensor_v2} from a persistent storage id. It never calls anything:
 * the few globals it accepts are recognised by name and turned into plain values, and any other
 * global or opcode is refused, so a hostile file can at most be rejected.
 *
 * <p>Not thread-safe; one instance reads one pickle.
 */
final class StateDictPickle {

    /** A storage named by a persistent id: its element type ("FloatStorage"), key in data/, and element count. */
    record Storage(String type, String key, long count) {
    }

    /** A tensor view of a storage, as _rebuild_tensor_v2 receives it. */
    record TensorView(Storage storage, long offset, long[] size, long[] stride) {
    }

    /** Thrown with a detail sentence; the caller adds the file and location. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String detail) {
            super(detail);
        }
    }

    private record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    private record Tuple(List<Object> items) {
    }

    private static final Global ORDERED_DICT = new Global("collections", "OrderedDict");
    private static final Global REBUILD_TENSOR = new Global("torch._utils", "_rebuild_tensor_v2");
    private static final Set<String> STORAGES = Set.of("FloatStorage", "LongStorage");

    private final ByteBuffer in;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private StateDictPickle(byte[] pickle) {
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The state dict's tensors by name, in the file's order. */
    static Map<String, TensorView> read(byte[] pickle) throws Refused {
        Object top = new StateDictPickle(pickle).run();
        if (!(top instanceof Map<?, ?> map)) {
            throw new Refused("the pickle holds " + describe(top) + ", not a state_dict (an OrderedDict of tensors)");
        }
        Map<String, TensorView> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new Refused("the state_dict has a key that is " + describe(e.getKey()) + ", not a name");
            }
            if (!(e.getValue() instanceof TensorView t)) {
                throw new Refused("the state_dict entry \"" + name + "\" is " + describe(e.getValue()) + ", not a tensor");
            }
            out.put(name, t);
        }
        return out;
    }

    private Object run() throws Refused {
        try {
            while (true) {
                int at = in.position();
                int op = in.get() & 0xff;
                switch (op) {
                    case 0x80 -> in.get(); // PROTO
                    case 0x95 -> in.getLong(); // FRAME (protocol 4): a length hint only
                    case '(' -> marks.push(stack.size());
                    case 'N' -> push(null);
                    case 0x88 -> push(Boolean.TRUE);
                    case 0x89 -> push(Boolean.FALSE);
                    case 'K' -> push((long) (in.get() & 0xff));
                    case 'M' -> push((long) (in.getShort() & 0xffff));
                    case 'J' -> push((long) in.getInt());
                    case 0x8a -> push(long1());
                    case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT is big-endian
                    case 'X' -> push(text(in.getInt()));
                    case 0x8c -> push(text(in.get() & 0xff));
                    case 'c' -> push(global(line(), line()));
                    case ')' -> push(new Tuple(List.of()));
                    case 0x85 -> push(tuple(1));
                    case 0x86 -> push(tuple(2));
                    case 0x87 -> push(tuple(3));
                    case 't' -> push(new Tuple(popMark()));
                    case '}' -> push(new LinkedHashMap<Object, Object>());
                    case ']' -> push(new ArrayList<Object>());
                    case 's' -> {
                        Object value = pop();
                        setItems(java.util.Arrays.asList(pop(), value));
                    }
                    case 'u' -> setItems(popMark());
                    case 'a' -> {
                        Object value = pop();
                        list(peek()).add(value);
                    }
                    case 'e' -> {
                        List<Object> items = popMark();
                        list(peek()).addAll(items);
                    }
                    case 'q' -> memo.put((long) (in.get() & 0xff), peek());
                    case 'r' -> memo.put(Integer.toUnsignedLong(in.getInt()), peek());
                    case 0x94 -> memo.put((long) memo.size(), peek());
                    case 'h' -> push(fromMemo(in.get() & 0xff));
                    case 'j' -> push(fromMemo(Integer.toUnsignedLong(in.getInt())));
                    case 'Q' -> push(storage(pop()));
                    case 'R' -> {
                        Object args = pop();
                        push(reduce(pop(), args));
                    }
                    case 'b' -> build(pop());
                    case '.' -> {
                        if (stack.size() != 1) {
                            throw new Refused("the pickle ends with " + stack.size() + " values on its stack instead of 1");
                        }
                        return stack.get(0);
                    }
                    default -> throw new Refused(String.format("the pickle uses opcode 0x%02x at byte %d, which torch.save does"
                            + " not write for a state_dict", op, at));
                }
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new Refused("the pickle is cut short at byte " + in.limit());
        }
    }

    private long long1() throws Refused {
        int n = in.get() & 0xff;
        if (n > 8) {
            throw new Refused("the pickle holds a " + n + "-byte integer, larger than a tensor size can be");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (in.get() & 0xff) << (8 * i);
        }
        // Two's complement of n bytes: sign-extend from the top byte.
        return n == 0 || n == 8 ? v : (v << (64 - 8 * n)) >> (64 - 8 * n);
    }

    private String text(int length) throws Refused {
        if (length < 0 || length > in.remaining()) {
            throw new Refused("the pickle holds a string of " + Integer.toUnsignedString(length)
                    + " bytes, longer than the rest of the file");
        }
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private String line() throws Refused {
        StringBuilder s = new StringBuilder();
        byte b;
        while ((b = in.get()) != '\n') {
            if (s.length() > 200) {
                throw new Refused("the pickle names a global longer than 200 characters");
            }
            s.append((char) (b & 0xff));
        }
        return s.toString();
    }

    /** Only the names a state_dict needs; everything else would be code a pickle could run. */
    private static Global global(String module, String name) throws Refused {
        Global g = new Global(module, name);
        if (g.equals(ORDERED_DICT) || g.equals(REBUILD_TENSOR) || module.equals("torch") && STORAGES.contains(name)) {
            return g;
        }
        throw new Refused("the pickle refers to " + g + ", which a state_dict of float tensors does not need (refused,"
                + " nothing was run)");
    }

    private Object reduce(Object callable, Object args) throws Refused {
        if (!(args instanceof Tuple t)) {
            throw new Refused("the pickle calls " + describe(callable) + " with " + describe(args) + " instead of a tuple");
        }
        if (ORDERED_DICT.equals(callable)) {
            if (!t.items().isEmpty()) {
                throw new Refused("the pickle builds an OrderedDict from arguments; torch.save passes none");
            }
            return new LinkedHashMap<Object, Object>();
        }
        if (REBUILD_TENSOR.equals(callable)) {
            return tensor(t.items());
        }
        throw new Refused("the pickle calls " + describe(callable) + ", which is not a function a state_dict uses");
    }

    private static TensorView tensor(List<Object> a) throws Refused {
        // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if (a.size() < 4 || !(a.get(0) instanceof Storage s) || !(a.get(1) instanceof Long offset)) {
            throw new Refused("the pickle rebuilds a tensor from unexpected arguments " + a.size() + " ("
                    + (a.isEmpty() ? "none" : describe(a.get(0))) + ", …)");
        }
        long[] size = longs(a.get(2), "size");
        long[] stride = longs(a.get(3), "stride");
        if (size.length != stride.length) {
            throw new Refused("a tensor has " + size.length + " sizes but " + stride.length + " strides");
        }
        return new TensorView(s, offset, size, stride);
    }

    private static long[] longs(Object o, String what) throws Refused {
        if (!(o instanceof Tuple t)) {
            throw new Refused("a tensor's " + what + " is " + describe(o) + ", not a tuple of whole numbers");
        }
        long[] out = new long[t.items().size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.items().get(i) instanceof Long v) || v < 0) {
                throw new Refused("a tensor's " + what + " holds " + describe(t.items().get(i)) + ", not a whole number ≥ 0");
            }
            out[i] = v;
        }
        return out;
    }

    private static Storage storage(Object pid) throws Refused {
        // ('storage', torch.FloatStorage, key, location, numel)
        if (pid instanceof Tuple t && t.items().size() == 5 && "storage".equals(t.items().get(0))
                && t.items().get(1) instanceof Global type && t.items().get(2) instanceof String key
                && t.items().get(4) instanceof Long count && STORAGES.contains(type.name())) {
            return new Storage(type.name(), key, count);
        }
        throw new Refused("the pickle names a storage as " + describe(pid)
                + ", not ('storage', torch.FloatStorage or LongStorage, key, location, count)");
    }

    /** OrderedDict's state (its _metadata of module versions) means nothing to NetStudio: accepted, dropped. */
    private void build(Object state) throws Refused {
        Object target = peek();
        if (!(target instanceof Map<?, ?>) || !(state instanceof Map<?, ?> || state == null)) {
            throw new Refused("the pickle sets the state of " + describe(target) + ", which a state_dict does not do");
        }
    }

    @SuppressWarnings("unchecked")
    private void setItems(List<Object> keysAndValues) throws Refused {
        if (!(peek() instanceof Map<?, ?> m) || keysAndValues.size() % 2 != 0) {
            throw new Refused("the pickle sets items on " + describe(peek()) + ", not on a dict");
        }
        Map<Object, Object> map = (Map<Object, Object>) m;
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            map.put(keysAndValues.get(i), keysAndValues.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) throws Refused {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new Refused("the pickle appends to " + describe(o) + ", not to a list");
    }

    private Object fromMemo(long index) throws Refused {
        if (!memo.containsKey(index)) {
            throw new Refused("the pickle reads memo entry " + index + ", which it never wrote");
        }
        return memo.get(index);
    }

    private Tuple tuple(int n) throws Refused {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(0, pop());
        }
        return new Tuple(java.util.Collections.unmodifiableList(items));
    }

    private List<Object> popMark() throws Refused {
        if (marks.isEmpty()) {
            throw new Refused("the pickle closes a mark it never opened");
        }
        int from = marks.pop();
        List<Object> top = new ArrayList<>(stack.subList(from, stack.size()));
        stack.subList(from, stack.size()).clear();
        return java.util.Collections.unmodifiableList(top);
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws Refused {
        if (stack.size() <= (marks.isEmpty() ? 0 : marks.peek())) {
            throw new Refused("the pickle takes a value from an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws Refused {
        if (stack.isEmpty()) {
            throw new Refused("the pickle uses a value from an empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof String s) {
            return "the text \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (o instanceof Long || o instanceof Double || o instanceof Boolean) {
            return "the value " + o;
        }
        if (o instanceof Global g) {
            return g.toString();
        }
        if (o instanceof Tuple t) {
            return "a tuple of " + t.items().size();
        }
        if (o instanceof Storage) {
            return "a storage";
        }
        if (o instanceof TensorView) {
            return "a tensor";
        }
        return o instanceof Map<?, ?> ? "a dict" : o instanceof List<?> ? "a list" : "a value";
    }
}

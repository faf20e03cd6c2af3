package org.netstudio.netgraph.io.torch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads what {@code torch.save(model.state_dict())} writes into {@code data.pkl} with Pyrolite's
 * {@link Unpickler}: an OrderedDict of names to tensors, each rebuilt by
 * {@code torch._utils._rebuild_tensor_v2} (or {@code _rebuild_parameter}) from a persistent storage
 * id. Nothing from the file is ever run: the globals a state_dict needs are built by constructors
 * of this class, every other global, and every opcode torch.save does not write for a state_dict,
 * is refused with a sentence naming it, and lengths the file declares are checked against the
 * bytes it has before anything is allocated.
 *
 * <p>Not thread-safe; one instance reads one pickle.
 */
final class StateDictPickle extends Unpickler {

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

    /** A refusal from inside Pyrolite's calls, which allow only unchecked exceptions. */
    private static final class Refusal extends PickleException {
        private static final long serialVersionUID = 1L;

        Refusal(String detail) {
            super(detail);
        }
    }

    /** A global the pickle names: only ever called through {@link #construct}, never looked up elsewhere. */
    private record Global(String module, String name, IObjectConstructor build) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            return build.construct(args);
        }

        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    private static final Set<String> STORAGES = Set.of("FloatStorage", "LongStorage");

    /** The opcodes torch.save writes for a state_dict (protocol 2, or 4 with frames and STACK_GLOBAL). */
    private static final Set<Short> OPCODES = Set.of(Opcodes.PROTO, Opcodes.FRAME, Opcodes.MARK, Opcodes.STOP,
            Opcodes.NONE, Opcodes.NEWTRUE, Opcodes.NEWFALSE, Opcodes.BININT, Opcodes.BININT1, Opcodes.BININT2,
            Opcodes.LONG1, Opcodes.BINFLOAT, Opcodes.BINUNICODE, Opcodes.SHORT_BINUNICODE, Opcodes.GLOBAL,
            Opcodes.STACK_GLOBAL, Opcodes.EMPTY_TUPLE, Opcodes.TUPLE, Opcodes.TUPLE1, Opcodes.TUPLE2, Opcodes.TUPLE3,
            Opcodes.EMPTY_DICT, Opcodes.EMPTY_LIST, Opcodes.SETITEM, Opcodes.SETITEMS, Opcodes.APPEND,
            Opcodes.APPENDS, Opcodes.BINPUT, Opcodes.LONG_BINPUT, Opcodes.MEMOIZE, Opcodes.BINGET,
            Opcodes.LONG_BINGET, Opcodes.BINPERSID, Opcodes.REDUCE, Opcodes.BUILD);

    /** The pickle's bytes, read through; its position tells where a problem is. */
    private static final class Bytes extends ByteArrayInputStream {
        Bytes(byte[] pickle) {
            super(pickle);
        }

        int position() {
            return pos;
        }

        int remaining() {
            return count - pos;
        }

        /** The unsigned little-endian int at the read position, without consuming it; -1 when the file ends first. */
        long peekLength() {
            if (remaining() < 4) {
                return -1;
            }
            return Integer.toUnsignedLong(PickleUtils.bytes_to_integer(buf, pos, 4));
        }
    }

    private final Bytes bytes;
    private int opcodeAt;

    private StateDictPickle(byte[] pickle) {
        this.bytes = new Bytes(pickle);
    }

    /** The state dict's tensors by name, in the file's order. */
    static Map<String, TensorView> read(byte[] pickle) throws Refused {
        StateDictPickle p = new StateDictPickle(pickle);
        Object top;
        try {
            top = p.load(p.bytes);
        } catch (Refusal e) {
            throw new Refused(e.getMessage());
        } catch (IOException e) {
            throw new Refused("the pickle is cut short at byte " + pickle.length);
        } catch (RuntimeException e) {
            // Pyrolite's own complaints and a value of the wrong kind where an opcode expects another.
            throw new Refused("the pickle is malformed at byte " + p.opcodeAt + " (" + reason(e) + ")");
        }
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

    private static String reason(RuntimeException e) {
        if (e instanceof ClassCastException || e instanceof IndexOutOfBoundsException) {
            return "a value of the wrong kind, or a missing one, where an opcode needs its arguments";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /**
     * Every opcode passes here first: those torch.save does not write are refused, globals are looked
     * up among the few a state_dict needs (never in Pyrolite's registry), and lengths are checked.
     */
    @Override
    protected Object dispatch(short key) throws IOException {
        opcodeAt = bytes.position() - 1;
        if (!OPCODES.contains(key)) {
            throw new Refusal(String.format("the pickle uses opcode 0x%02x at byte %d, which torch.save does not"
                    + " write for a state_dict", key, opcodeAt));
        }
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = line();
                stack.add(global(module, line()));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new Refusal("the pickle names a global by " + describe(module) + " and " + describe(name)
                            + " instead of two texts");
                }
                stack.add(global(m, n));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BINUNICODE -> {
                long length = bytes.peekLength();
                if (length < 0 || length > bytes.remaining() - 4) {
                    throw new Refusal("the pickle holds a string of " + Math.max(length, 0)
                            + " bytes, longer than the rest of the file");
                }
                return super.dispatch(key);
            }
            case Opcodes.SETITEMS -> {
                // Pyrolite gathers the items in a HashMap first, losing the file's order.
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> dict = dict(stack.peek());
                if (items.size() % 2 != 0) {
                    throw new Refusal("the pickle sets " + items.size() + " values as keys and values");
                }
                for (int i = 0; i < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD -> {
                // An OrderedDict's state (its _metadata of module versions) means nothing to NetStudio.
                Object state = stack.pop();
                Object target = stack.peek();
                if (!(target instanceof Map<?, ?>) || !(state instanceof Map<?, ?> || state == null)) {
                    throw new Refusal("the pickle sets the state of " + describe(target)
                            + ", which a state_dict does not do");
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.STOP -> {
                if (stack.size() != 1) {
                    throw new Refusal("the pickle ends with " + stack.size() + " values on its stack instead of 1");
                }
                return super.dispatch(key);
            }
            default -> {
                return super.dispatch(key);
            }
        }
    }

    private String line() throws IOException {
        // A GLOBAL's module and name end at a newline; a missing one would read to the end of the file.
        int from = bytes.position();
        String s = PickleUtils.readline(bytes);
        if (bytes.position() - from > 200) {
            throw new Refusal("the pickle names a global longer than 200 characters");
        }
        return s;
    }

    /** Only the names a state_dict needs; everything else would be code a pickle could run. */
    private static Global global(String module, String name) {
        String full = module + "." + name;
        IObjectConstructor build = switch (full) {
            case "collections.OrderedDict" -> args -> {
                if (args.length != 0) {
                    throw new Refusal("the pickle builds an OrderedDict from arguments; torch.save passes none");
                }
                return new LinkedHashMap<Object, Object>();
            };
            case "torch._utils._rebuild_tensor_v2" -> StateDictPickle::tensor;
            case "torch._utils._rebuild_parameter" -> args -> {
                // (data, requires_grad, backward_hooks): a Parameter is its tensor to NetStudio.
                if (args.length < 1 || !(args[0] instanceof TensorView t)) {
                    throw new Refusal("the pickle rebuilds a parameter from " + (args.length == 0 ? "nothing"
                            : describe(args[0])) + " instead of a tensor");
                }
                return t;
            };
            default -> {
                if (module.equals("torch") && STORAGES.contains(name)) {
                    // Named in a storage's persistent id, never called.
                    yield args -> {
                        throw new Refusal("the pickle calls " + full + ", which is not a function a state_dict uses");
                    };
                }
                throw new Refusal("the pickle refers to " + full + ", which a state_dict of float tensors does not"
                        + " need (refused, nothing was run)");
            }
        };
        return new Global(module, name, build);
    }

    private static TensorView tensor(Object[] a) {
        // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if (a.length < 4 || !(a[0] instanceof Storage s)) {
            throw new Refusal("the pickle rebuilds a tensor from unexpected arguments " + a.length + " ("
                    + (a.length == 0 ? "none" : describe(a[0])) + ", …)");
        }
        long offset = whole(a[1], "storage offset");
        long[] size = longs(a[2], "size");
        long[] stride = longs(a[3], "stride");
        if (size.length != stride.length) {
            throw new Refusal("a tensor has " + size.length + " sizes but " + stride.length + " strides");
        }
        return new TensorView(s, offset, size, stride);
    }

    private static long[] longs(Object o, String what) {
        if (!(o instanceof Object[] items)) {
            throw new Refusal("a tensor's " + what + " is " + describe(o) + ", not a tuple of whole numbers");
        }
        long[] out = new long[items.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = whole(items[i], what);
        }
        return out;
    }

    private static long whole(Object o, String what) {
        if ((o instanceof Integer || o instanceof Long) && ((Number) o).longValue() >= 0) {
            return ((Number) o).longValue();
        }
        throw new Refusal("a tensor's " + what + " holds " + describe(o) + ", not a whole number ≥ 0 that fits 64 bits");
    }

    /** ('storage', torch.FloatStorage, key, location, numel), as torch.save writes a storage's persistent id. */
    @Override
    protected Object persistentLoad(Object pid) {
        if (pid instanceof Object[] t && t.length == 5 && "storage".equals(t[0]) && t[1] instanceof Global type
                && STORAGES.contains(type.name()) && type.module().equals("torch") && t[2] instanceof String key) {
            return new Storage(type.name(), key, whole(t[4], "storage size"));
        }
        throw new Refusal("the pickle names a storage as " + describe(pid)
                + ", not ('storage', torch.FloatStorage or LongStorage, key, location, count)");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new Refusal("the pickle sets items on " + describe(o) + ", not on a dict");
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof String s) {
            return "the text \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o instanceof BigInteger ? "a whole number wider than 64 bits" : "the value " + o;
        }
        if (o instanceof Global g) {
            return g.toString();
        }
        if (o instanceof Object[] t) {
            return "a tuple of " + t.length;
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

package org.netstudio.netgraph.inference;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.tensor.Unification;

/**
 * The tensors flowing in a flattened net: each wire is one tensor, shared by the output port that
 * produces it and the input ports that read it. Ports joined by edges or container boundaries are
 * merged (union-find), so nesting is transparent to inference. Mutable, used by one inference run.
 */
final class Wires {

    private final List<Integer> parent = new ArrayList<>();
    private final List<TensorType> type = new ArrayList<>();
    /** Who produces the tensor: a site's output, or the net's input; null when nobody does. */
    private final List<Producer> producer = new ArrayList<>();
    /** A phrase for what declared the type, e.g. "the net's output 'Output' (a Class decoder with 10 labels)". */
    private final List<String> expectation = new ArrayList<>();
    private final List<List<Site.Ref>> consumers = new ArrayList<>();

    /**
     * A producer of a wire: a site's output port, or an input of the net inferred (site null), which
     * {@code inputPhrase} names in messages ("the net's input 'Input'").
     */
    record Producer(Site site, int port, String inputPhrase) {
        String describe() {
            return site != null ? site.where : inputPhrase;
        }
    }

    int create() {
        int id = parent.size();
        parent.add(id);
        type.add(TensorType.ANY);
        producer.add(null);
        expectation.add(null);
        consumers.add(new ArrayList<>());
        return id;
    }

    int find(int w) {
        int root = w;
        while (parent.get(root) != root) {
            root = parent.get(root);
        }
        while (parent.get(w) != root) {
            int next = parent.get(w);
            parent.set(w, root);
            w = next;
        }
        return root;
    }

    TensorType type(int w) {
        return type.get(find(w));
    }

    Producer producer(int w) {
        return producer.get(find(w));
    }

    String expectation(int w) {
        return expectation.get(find(w));
    }

    List<Site.Ref> consumers(int w) {
        return consumers.get(find(w));
    }

    void addConsumer(int w, Site.Ref ref) {
        consumers.get(find(w)).add(ref);
    }

    void setProducer(int w, Producer p) {
        producer.set(find(w), p);
    }

    /** Adds a declared constraint; returns the conflict reason, or null. */
    String constrain(int w, TensorType t, String what) {
        int r = find(w);
        Unification u = type.get(r).unify(t);
        if (u instanceof Unification.Conflict c) {
            return c.reason();
        }
        type.set(r, ((Unification.Unified) u).type());
        if (what != null) {
            expectation.set(r, what);
        }
        return null;
    }

    /**
     * Refines a wire with new information; returns true when its type became more specific, false
     * when nothing changed, and throws nothing: a conflict returns null through {@code conflict[0]}.
     */
    Boolean refine(int w, TensorType t, String[] conflict) {
        int r = find(w);
        TensorType before = type.get(r);
        Unification u = before.unify(t);
        if (u instanceof Unification.Conflict c) {
            conflict[0] = c.reason();
            return false;
        }
        TensorType after = ((Unification.Unified) u).type();
        if (after.equals(before)) {
            return false;
        }
        type.set(r, after);
        return true;
    }

    /**
     * Joins two wires into one tensor. Returns a conflict reason when their types clash (the wires
     * are then left apart), or null.
     */
    String union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return null;
        }
        Unification u = type.get(ra).unify(type.get(rb));
        if (u instanceof Unification.Conflict c) {
            return c.reason();
        }
        parent.set(rb, ra);
        type.set(ra, ((Unification.Unified) u).type());
        if (producer.get(ra) == null) {
            producer.set(ra, producer.get(rb));
        }
        if (expectation.get(ra) == null) {
            expectation.set(ra, expectation.get(rb));
        }
        consumers.get(ra).addAll(consumers.get(rb));
        consumers.set(rb, List.of());
        return null;
    }
}

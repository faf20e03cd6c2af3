package org.netstudio.app.gallery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.summary.NetSummary;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** The gallery's files as {@link GalleryNets} defines them: each net file, and the index that describes them. */
final class GalleryFiles {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GalleryFiles() {
    }

    /** File name → content, the index last. */
    static Map<String, String> expected() {
        List<GalleryNets.Spec> specs = GalleryNets.all();
        Map<String, String> files = new LinkedHashMap<>();
        for (GalleryNets.Spec s : specs) {
            files.put(s.file(), NetFileWriter.toJson(s.document()));
        }
        for (GalleryModels.Downloadable d : GalleryModels.downloadable()) {
            files.put(d.spec().file(), NetFileWriter.toJson(d.spec().document()));
        }
        files.put(Gallery.INDEX, index(specs, GalleryModels.all()));
        return files;
    }

    static String index(List<GalleryNets.Spec> specs, List<GalleryModels.Model> models) {
        ObjectNode root = NODES.objectNode();
        root.put("format", Gallery.FORMAT);
        root.put("version", Gallery.VERSION);
        root.put("about", "Reference nets of NetStudio, written by GalleryNets (app tests) and checked by GalleryFilesTest."
                + " parameters: total = learnable + batch-norm statistics (as NetStudio and Keras count them);"
                + " referenceParameters: the learnable parameters of the reference implementation (as PyTorch counts them).");
        ArrayNode nets = root.putArray("nets");
        for (GalleryNets.Spec s : specs) {
            ObjectNode e = nets.addObject();
            entry(e, s, s.file(), false, Facts.of(NetSummary.of(s.document().net())));
            TorchvisionWeights.describe(e, s.id());
        }
        for (GalleryModels.Model m : models) {
            ObjectNode e = nets.addObject();
            entry(e, m.spec(), m.resource(), true, GalleryModels.facts(m));
            m.encoder().writeTo(e.putObject("embedding"));
        }
        for (GalleryModels.Downloadable d : GalleryModels.downloadable()) {
            ObjectNode e = nets.addObject();
            entry(e, d.spec(), d.spec().file(), false, Facts.of(NetSummary.of(d.spec().document().net())));
            d.download().writeTo(e.putObject("weights"));
            d.encoder().writeTo(e.putObject("embedding"));
        }
        for (GalleryNets.Trained t : GalleryNets.trained()) {
            ObjectNode e = nets.addObject();
            entry(e, t.spec(), t.file(), true, Facts.of(NetSummary.of(t.spec().document().net())));
            e.put("retrain", t.retrain());
        }
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withoutSpacesInObjectEntries();
            return new ObjectMapper().writer(pp).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What an index entry states about a net's ports and size: inferred from the net, the parameter
     * count of an imported model as its file declares it.
     */
    record Facts(List<NetSummary.Port> inputs, List<NetSummary.Port> outputs, long total, long trainable,
                 long nonTrainable) {
        static Facts of(NetSummary s) {
            return new Facts(s.inputs(), s.outputs(), s.total(), s.trainable(), s.nonTrainable());
        }
    }

    private static void entry(ObjectNode e, GalleryNets.Spec s, String file, boolean pretrained, Facts facts) {
        NetNode net = s.document().net();
        NetSummary summary = NetSummary.of(net);
        e.put("id", s.id());
        e.put("name", s.name());
        e.put("task", s.task());
        e.put("file", file);
        e.put("description", s.description());
        e.put("source", s.source());
        ArrayNode inputs = e.putArray("inputs");
        for (NetSummary.Port p : facts.inputs()) {
            inputs.add(port(p, declOf(net, p.name(), true), s.portNotes().get(p.name())));
        }
        ArrayNode outputs = e.putArray("outputs");
        for (NetSummary.Port p : facts.outputs()) {
            outputs.add(port(p, declOf(net, p.name(), false), s.portNotes().get(p.name())));
        }
        ObjectNode params = e.putObject("parameters");
        params.put("total", facts.total());
        params.put("trainable", facts.trainable());
        params.put("nonTrainable", facts.nonTrainable());
        e.put("referenceParameters", s.referenceParameters());
        e.put("layers", summary.rows().size());
        e.put("nodes", countNodes(net));
        e.put("pretrained", pretrained);
    }

    private static PortDecl declOf(NetNode net, String port, boolean input) {
        if (net instanceof Chain c) {
            return input ? c.input() : c.output();
        }
        if (net instanceof Graph g) {
            return input ? g.inputs().get(port) : g.outputs().get(port);
        }
        return PortDecl.UNSPECIFIED;
    }

    private static ObjectNode port(NetSummary.Port p, PortDecl decl, String note) {
        if (note == null) {
            throw new IllegalStateException("no description for the port " + p.name());
        }
        TensorType t = p.type();
        if (!t.rankKnown()) {
            throw new IllegalStateException("port " + p.name() + " has an unknown shape: " + t);
        }
        ObjectNode o = NODES.objectNode();
        o.put("name", p.name());
        ArrayNode shape = o.putArray("shape");
        for (Dim d : t.dims()) {
            if (d instanceof Dim.Fixed f) {
                shape.add(f.size());
            } else if (d instanceof Dim.Symbolic s) {
                shape.add(s.name());
            } else {
                throw new IllegalStateException("port " + p.name() + " has an unknown dimension: " + t);
            }
        }
        if (t.kind() instanceof ElementKind.Index idx) {
            o.put("type", "Index");
            o.put("indexRange", idx.size());
        } else if (t.kind() instanceof ElementKind.Integer) {
            o.put("type", "Integer");
        } else {
            o.put("type", "Real");
        }
        if (decl != null && decl.coder() != null) {
            o.put("coder", decl.coder().type());
        }
        o.put("description", note);
        return o;
    }

    /** Nodes at every depth, containers included, the net itself not. */
    static int countNodes(NetNode node) {
        int n = 0;
        if (node instanceof Chain c) {
            for (NetNode child : c.nodes()) {
                n += 1 + countNodes(child);
            }
        } else if (node instanceof Graph g) {
            for (NetNode child : g.nodes().values()) {
                n += 1 + countNodes(child);
            }
        }
        return n;
    }
}

package org.netstudio.app.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.netstudio.engine.text.EmbeddingRecipe;
import org.netstudio.engine.text.Pooling;
import org.netstudio.engine.text.SentenceEncoder;
import org.netstudio.engine.text.SubwordTokenizer;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;

/**
 * The gallery of reference nets that ships in the assets module
 * ({@code org/netstudio/assets/gallery/}): an {@code index.json} that describes every net, and one
 * net file per net. Listing reads only the index, once; a net file is read the first time its net
 * is loaded and kept, so opening a net again costs nothing (documents are immutable values). A net
 * file may be an ONNX model ({@code .onnx}, imported), and may live elsewhere on the class path
 * (a name starting with "/", as all-MiniLM-L6-v2 in its Maven artifact). A pretrained net the
 * project trained itself is a {@code .nsnet} file: {@link #loadWithWeights(String)} gives its weights.
 * A net whose model is downloaded on request in an archive (bge-small-en-v1.5's Maven jar) ships its
 * architecture as a net file, and opens with the archive's model once it is in the cache. The
 * sentence encoders' entries say how they read sentences: {@link #recipe(String)}, {@link #encoder(String)}.
 *
 * <p>Ids are matched ignoring case, and "_" stands for "-" ({@code mobilenet_v2} finds
 * {@code mobilenet-v2}). Thread-safe. A gallery whose resources are missing or broken is a
 * packaging error: it is reported as a {@link GalleryException} naming the resource.
 */
public final class Gallery {

    /** Where the gallery lives on the classpath. */
    public static final String RESOURCES = "/org/netstudio/assets/gallery/";

    /** The index's file name among the resources. */
    public static final String INDEX = "index.json";

    static final String FORMAT = "netstudio.gallery";
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Function<String, InputStream> opener;
    private final String where;
    private final java.util.function.Supplier<GalleryWeights> downloads;
    private volatile Index index;
    private final Map<String, NetDocument> documents = new ConcurrentHashMap<>();
    /** The weights of pretrained nets shipped as .nsnet files, by id, kept beside their documents. */
    private final Map<String, Weights> weights = new ConcurrentHashMap<>();
    /**
     * Large weights (an ONNX model's, downloaded ImageNet ones: 90 to 550 MB) by id, held softly:
     * reopening is quick while memory allows, and a closed net's weights do not pin the heap.
     */
    private final Map<String, java.lang.ref.SoftReference<Weights>> large = new ConcurrentHashMap<>();

    private record Index(List<GalleryEntry> entries, Map<String, GalleryEntry> byId) {
    }

    private static final class Standard {
        // A name starting with "/" is a resource of another artifact (all-MiniLM-L6-v2's jar).
        // Its cache is the one the system property names when asked (a test or the CLI may set it).
        static final Gallery INSTANCE = new Gallery(name -> Gallery.class.getResourceAsStream(
                name.startsWith("/") ? name : RESOURCES + name), "the gallery resources " + RESOURCES,
                GalleryWeights::standard);
    }

    /**
     * A gallery whose resources are opened by name ("index.json", "resnet50.json") through
     * {@code opener}, which returns null for a missing one; {@code where} names the place in messages.
     */
    public Gallery(Function<String, InputStream> opener, String where) {
        this(opener, where, GalleryWeights::standard);
    }

    /** As above, with downloaded weights read from {@code downloads}' cache. */
    public Gallery(Function<String, InputStream> opener, String where, GalleryWeights downloads) {
        this(opener, where, () -> downloads);
    }

    private Gallery(Function<String, InputStream> opener, String where, java.util.function.Supplier<GalleryWeights> downloads) {
        this.opener = opener;
        this.where = where;
        this.downloads = downloads;
    }

    /** The gallery shipped with NetStudio. */
    public static Gallery standard() {
        return Standard.INSTANCE;
    }

    /** The cache that downloaded weights are read from ({@link #loadWithWeights(String)}) and go to. */
    public GalleryWeights downloads() {
        return downloads.get();
    }

    /**
     * Every net of the gallery: the pretrained ones first (they run and can be tried at once), then
     * the pretrained models downloaded on request, then the others, each group in the index's order.
     */
    public List<GalleryEntry> entries() {
        return index().entries();
    }

    /** The entry with this id (ignoring case, "_" for "-"), or empty. */
    public Optional<GalleryEntry> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(index().byId().get(normalize(id)));
    }

    /**
     * The net with this id as a document. Throws IllegalArgumentException naming the known ids when
     * there is no such net, and GalleryException when its file cannot be read.
     */
    public NetDocument load(String id) {
        GalleryEntry e = entry(id);
        return documents.computeIfAbsent(e.id(), k -> read(e));
    }

    /** The entry with this id, as {@link #find}; throws IllegalArgumentException naming the known ids when there is none. */
    public GalleryEntry entry(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("the gallery has no net \"" + id
                + "\" (it has " + String.join(", ", index().byId().keySet()) + ")"));
    }

    /**
     * The net with this id and, for a pretrained net shipped as a {@code .nsnet} file, a pretrained
     * ONNX model (its initialisers, under NetStudio's array names), or a net whose
     * weights were downloaded ({@link GalleryWeights#download}), its trained weights (none for the
     * other nets). Throws as {@link #load(String)}, and GalleryException when downloaded weights
     * cannot be read or do not fit the net.
     */
    public LoadedNet loadWithWeights(String id) {
        GalleryEntry e = entry(id);
        if (e.weightsDownload().filter(WeightsDownload::archive).isPresent()) {
            return loadArchived(e);
        }
        NetDocument doc = load(id);
        Weights w = weights.get(e.id());
        if (w == null) {
            w = held(e);
        }
        if (w == null && e.pretrained() && e.file().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            w = stamped(e, onnxWeights(e));
            large.put(e.id(), new java.lang.ref.SoftReference<>(w));
        }
        if (w == null && e.weightsDownload().isPresent()) {
            try {
                w = downloads().load(e, doc.net()).orElse(null);
            } catch (IOException ex) {
                throw new GalleryException("cannot use the downloaded weights of \"" + e.id() + "\": " + ex.getMessage(), ex);
            }
            if (w != null) {
                large.put(e.id(), new java.lang.ref.SoftReference<>(w));
            }
        }
        return new LoadedNet(doc, w);
    }

    /**
     * An entry whose download is an archive holding its ONNX model: once downloaded, the net and
     * weights that model imports to (the shipped architecture is what it imported to before); until
     * then the shipped architecture without weights.
     */
    private LoadedNet loadArchived(GalleryEntry e) {
        Weights w = held(e);
        if (w != null) {
            return new LoadedNet(load(e.id()), w);
        }
        OnnxImport imported;
        try {
            imported = downloads().imported(e).orElse(null);
        } catch (IOException ex) {
            throw new GalleryException("cannot use the downloaded model of \"" + e.id() + "\": " + ex.getMessage(), ex);
        }
        if (imported == null) {
            return new LoadedNet(load(e.id()), null);
        }
        NetDocument doc = new NetDocument(e.name(), imported.document().net(), load(e.id()).layout());
        documents.put(e.id(), doc);
        w = stamped(e, imported.weights());
        large.put(e.id(), new java.lang.ref.SoftReference<>(w));
        return new LoadedNet(doc, w);
    }

    private Weights held(GalleryEntry e) {
        java.lang.ref.SoftReference<Weights> held = large.get(e.id());
        return held == null ? null : held.get();
    }

    /** The metadata key naming the gallery sentence encoder that weights belong to (see {@link #recipe(Weights)}). */
    public static final String ENCODER_KEY = "gallery.encoder";

    /** A sentence encoder's weights say whose they are, so Try It reads sentences as that model does. */
    private static Weights stamped(GalleryEntry e, Weights w) {
        if (e.sentenceSpec().isEmpty()) {
            return w;
        }
        Map<String, String> meta = new LinkedHashMap<>(w.metadata());
        meta.put(ENCODER_KEY, e.id());
        return w.withMetadata(meta);
    }

    /**
     * How the gallery's sentence encoder {@code id} reads sentences: its tokenizer (shipped, or from
     * its downloaded archive), pooling and prefix. Throws IllegalArgumentException when it is not a
     * sentence encoder, {@link NotDownloadedException} when its download is needed first, and
     * GalleryException when its tokenizer cannot be read.
     */
    public EmbeddingRecipe recipe(String id) {
        GalleryEntry e = entry(id);
        SentenceSpec spec = e.sentenceSpec().orElseThrow(() -> new IllegalArgumentException(
                e.name() + " is not a sentence encoder (the gallery's are " + String.join(", ", sentenceEncoders()) + ")"));
        try {
            byte[] json = spec.shipped() ? resource(e, spec.tokenizer()) : downloads().archived(e, spec.tokenizer());
            SubwordTokenizer tokenizer = SubwordTokenizer.read(new java.io.ByteArrayInputStream(json),
                    e.name() + "'s " + spec.tokenizer().substring(spec.tokenizer().lastIndexOf('/') + 1));
            return new EmbeddingRecipe(tokenizer.withMaxLength(spec.maxTokens()), spec.pooling(), spec.prefix());
        } catch (IOException ex) {
            throw new GalleryException("cannot read the tokenizer of \"" + e.id() + "\": " + ex.getMessage(), ex);
        }
    }

    /**
     * How to read sentences for a net with these weights: its gallery encoder's recipe when the
     * gallery gave them ({@link #ENCODER_KEY}), otherwise all-MiniLM-L6-v2's (an encoder imported or
     * edited by hand, or untrained).
     */
    public EmbeddingRecipe recipe(Weights weights) {
        String id = weights == null ? null : weights.metadata().get(ENCODER_KEY);
        if (id != null && find(id).flatMap(GalleryEntry::sentenceSpec).isPresent()) {
            return recipe(id);
        }
        return find(SentenceClassifier.ENCODER_ID).flatMap(GalleryEntry::sentenceSpec).isPresent()
                ? recipe(SentenceClassifier.ENCODER_ID) : EmbeddingRecipe.miniLm();
    }

    /**
     * How to read sentences for this net with these weights (Try It): as {@link #recipe(Weights)},
     * except that a net without weights that is a downloadable sentence encoder's architecture reads
     * as that encoder does, and throws {@link NotDownloadedException} while its download is missing,
     * rather than embed with seeded values in a model that could be downloaded.
     */
    public EmbeddingRecipe recipe(NetNode net, Weights weights) {
        if (weights == null) {
            Optional<GalleryEntry> encoder = downloadableEncoderOf(net);
            if (encoder.isPresent()) {
                return recipe(encoder.get().id());
            }
        }
        return recipe(weights);
    }

    /**
     * The weights a net without weights gets from its download: for a downloadable sentence encoder's
     * architecture (a tab opened before the download), that encoder's weights once downloaded, so that
     * Try It then embeds with the model rather than with seeded values; empty for any other net and
     * while the download is missing.
     */
    public Optional<Weights> downloadedWeights(NetNode net) {
        return downloadableEncoderOf(net).filter(e -> downloads().cached(e).isPresent())
                .flatMap(e -> loadWithWeights(e.id()).weights());
    }

    /** The downloadable sentence encoder whose shipped architecture this net is, if any. */
    private Optional<GalleryEntry> downloadableEncoderOf(NetNode net) {
        for (GalleryEntry e : entries()) {
            if (e.sentenceSpec().isPresent() && e.weightsDownload().filter(WeightsDownload::archive).isPresent()
                    && load(e.id()).net().equals(net)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The sentence encoder {@code id} run whole by ONNX Runtime on its model file (as {@code netstudio
     * embed} runs it). Throws as {@link #recipe(String)}; the model is read when first used.
     */
    public SentenceEncoder encoder(String id) {
        GalleryEntry e = entry(id);
        EmbeddingRecipe recipe = recipe(id);
        Optional<WeightsDownload> archive = e.weightsDownload().filter(WeightsDownload::archive);
        return SentenceEncoder.of(recipe, () -> archive.isPresent() ? downloads().archived(e, archive.get().model())
                : resource(e, e.file()), e.name());
    }

    /** The ids of the gallery's sentence encoders, in its order. */
    public List<String> sentenceEncoders() {
        return entries().stream().filter(x -> x.sentenceSpec().isPresent()).map(GalleryEntry::id).toList();
    }

    private byte[] resource(GalleryEntry e, String name) throws IOException {
        try (InputStream in = opener.apply(name)) {
            if (in == null) {
                throw new GalleryException(where + " have no " + name + " for the net \"" + e.id() + "\"");
            }
            return in.readAllBytes();
        }
    }

    /** How ids are compared: lower case, with "_" read as "-". */
    public static String normalize(String id) {
        return id.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private NetDocument read(GalleryEntry e) {
        try (InputStream in = opener.apply(e.file())) {
            if (in == null) {
                throw new GalleryException(where + " have no " + e.file() + " for the net \"" + e.id() + "\"");
            }
            if (e.file().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                // An ONNX graph's own name is often an exporter's ("torch_jit"); the gallery's is the model's.
                NetDocument imported = importOnnx(e, in).document();
                return new NetDocument(e.name(), imported.net(), imported.layout());
            }
            if (e.file().toLowerCase(Locale.ROOT).endsWith(".nsnet")) {
                return readTrained(e, in);
            }
            return NetFileReader.read(in, e.file());
        } catch (IOException ex) {
            throw new GalleryException("cannot read the gallery net \"" + e.id() + "\": " + ex.getMessage(), ex);
        }
    }

    private static OnnxImport importOnnx(GalleryEntry e, InputStream in) throws IOException {
        return OnnxImporter.read(in.readAllBytes(), e.file());
    }

    /**
     * The trained weights a pretrained ONNX model (all-MiniLM-L6-v2) carries, imported again when
     * first asked for: listing and picturing the gallery reads every net, and keeping a large model's
     * arrays from then on would cost its whole size in memory for a net that may never be opened.
     */
    private Weights onnxWeights(GalleryEntry e) {
        try (InputStream in = opener.apply(e.file())) {
            if (in == null) {
                throw new GalleryException(where + " have no " + e.file() + " for the net \"" + e.id() + "\"");
            }
            return importOnnx(e, in).weights();
        } catch (IOException ex) {
            throw new GalleryException("cannot read the gallery net \"" + e.id() + "\": " + ex.getMessage(), ex);
        }
    }

    /** A .nsnet file is a zip read from a file: copied to a temporary one, read whole (net and weights), deleted. */
    private NetDocument readTrained(GalleryEntry e, InputStream in) throws IOException {
        Path temporary = Files.createTempFile("netstudio-gallery-", ".nsnet");
        try {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            LoadedNet loaded = NetFiles.read(temporary);
            loaded.weights().ifPresent(w -> weights.put(e.id(), w));
            return loaded.document();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Index index() {
        Index i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    i = readIndex();
                    index = i;
                }
            }
        }
        return i;
    }

    private Index readIndex() {
        JsonNode root;
        try (InputStream in = opener.apply(INDEX)) {
            if (in == null) {
                throw new GalleryException(where + " have no " + INDEX);
            }
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new GalleryException("cannot read the gallery's " + INDEX + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())
                || root.path("version").asInt(-1) != VERSION) {
            throw new GalleryException("the gallery's " + INDEX + " is not a \"" + FORMAT + "\" index of version " + VERSION);
        }
        JsonNode nets = root.get("nets");
        if (nets == null || !nets.isArray()) {
            throw new GalleryException("the gallery's " + INDEX + " has no \"nets\" list");
        }
        List<GalleryEntry> entries = new ArrayList<>();
        Map<String, GalleryEntry> byId = new LinkedHashMap<>();
        for (int i = 0; i < nets.size(); i++) {
            GalleryEntry e = entry(nets.get(i), "nets[" + i + "]");
            if (byId.putIfAbsent(normalize(e.id()), e) != null) {
                throw new GalleryException("the gallery's " + INDEX + " lists the id \"" + e.id() + "\" twice");
            }
            entries.add(e);
        }
        // Pretrained nets first, then the pretrained models downloaded on request (sentence encoders), then the
        // architectures; a stable sort keeps the index's order within each group.
        entries.sort(Comparator.comparingInt(e -> e.pretrained() ? 0 : e.sentenceSpec().isPresent() ? 1 : 2));
        return new Index(Collections.unmodifiableList(entries), Collections.unmodifiableMap(byId));
    }

    private static GalleryEntry entry(JsonNode n, String at) {
        if (n == null || !n.isObject()) {
            throw broken(at, "an object describing a net");
        }
        JsonNode params = n.path("parameters");
        return new GalleryEntry(text(n, "id", at), text(n, "name", at), optionalText(n, "task"),
                optionalText(n, "description"), optionalText(n, "source"), text(n, "file", at),
                ports(n.get("inputs"), at + ".inputs"), ports(n.get("outputs"), at + ".outputs"),
                number(params, "total", at + ".parameters"), number(params, "trainable", at + ".parameters"),
                number(params, "nonTrainable", at + ".parameters"), number(n, "referenceParameters", at),
                (int) number(n, "layers", at), (int) number(n, "nodes", at), n.path("pretrained").asBoolean(false),
                optionalText(n, "retrain"), download(n.get("weights"), at + ".weights"),
                sentences(n.get("embedding"), at + ".embedding"));
    }

    private static SentenceSpec sentences(JsonNode n, String at) {
        return optionalObject(n, at, "an object with tokenizer, pooling and maxTokens",
                o -> new SentenceSpec(text(o, "tokenizer", at), Pooling.named(text(o, "pooling", at)),
                        o.path("maxTokens").asInt(0), optionalText(o, "prefix")));
    }

    private static WeightsDownload download(JsonNode n, String at) {
        return optionalObject(n, at, "an object with url, sha256, bytes and license",
                o -> new WeightsDownload(java.net.URI.create(text(o, "url", at)), text(o, "sha256", at),
                        o.path("bytes").asLong(0), optionalText(o, "license"), optionalText(o, "model")));
    }

    /** What {@code read} makes of an optional object: null when it is absent; a broken file when it is not an object. */
    private static <T> T optionalObject(JsonNode n, String at, String expected, Function<JsonNode, T> read) {
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw broken(at, expected);
        }
        try {
            return read.apply(n);
        } catch (IllegalArgumentException e) {
            throw brokenBy(at, e);
        }
    }

    private static List<GalleryEntry.Port> ports(JsonNode n, String at) {
        if (n == null || !n.isArray()) {
            throw broken(at, "a list of ports");
        }
        List<GalleryEntry.Port> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode p = n.get(i);
            String pat = at + "[" + i + "]";
            JsonNode shape = p.get("shape");
            if (shape == null || !shape.isArray()) {
                throw broken(pat + ".shape", "a list of sizes and names");
            }
            List<Object> dims = new ArrayList<>();
            for (JsonNode d : shape) {
                if (d.isInt()) {
                    dims.add(d.intValue());
                } else if (d.isTextual()) {
                    dims.add(d.textValue());
                } else {
                    throw broken(pat + ".shape", "sizes and names of varying lengths");
                }
            }
            out.add(new GalleryEntry.Port(text(p, "name", pat), dims, text(p, "type", pat),
                    p.path("indexRange").asInt(0), p.hasNonNull("coder") ? p.get("coder").asText() : null,
                    optionalText(p, "description")));
        }
        return out;
    }

    private static String text(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw broken(at + "." + key, "a non-empty string");
        }
        return v.textValue();
    }

    private static String optionalText(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && v.isTextual() ? v.textValue() : "";
    }

    private static long number(JsonNode n, String key, String at) {
        JsonNode v = n == null ? null : n.get(key);
        if (v == null || !v.isIntegralNumber()) {
            throw broken(at + "." + key, "a whole number");
        }
        return v.longValue();
    }

    /** The index is broken at {@code at}, as the value there was refused. */
    private static GalleryException brokenBy(String at, IllegalArgumentException refused) {
        return new GalleryException("the gallery's " + INDEX + " is broken at " + at + ": " + refused.getMessage(), refused);
    }

    private static GalleryException broken(String at, String expected) {
        return new GalleryException("the gallery's " + INDEX + " is broken at " + at + ": expected " + expected);
    }
}

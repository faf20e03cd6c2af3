package org.netstudio.app.gallery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;

/**
 * Builds every net of the gallery from its published definition. The committed files under
 * {@code assets/src/main/resources/org/netstudio/assets/gallery/} are what this class writes
 * ({@link GalleryFilesTest} checks they never drift; run it with {@code -Dgallery.write=true} to
 * rewrite them after a change here).
 *
 * <p>Where a net follows a PyTorch implementation, node paths follow its module names, so that
 * {@code layer1/0/conv1} here is {@code layer1.0.conv1} in a torchvision state dict.
 */
final class GalleryNets {

    /** The gallery folder of the assets module, from the app module's folder (Surefire's working folder). */
    static final Path ASSETS = Path.of("..", "assets", "src", "main", "resources", "org", "netstudio", "assets", "gallery");

    /** The ImageNet class names, one per line, in class-index order. */
    static final String IMAGENET_CLASSES = "imagenet-classes.txt";

    static final String RELU6 = "min(max(x, 0), 6)";

    /**
     * One gallery net with what the index says about it.
     *
     * @param referenceParameters learnable parameters of the reference implementation (see the tests)
     * @param portNotes           a description per input and output port name
     */
    record Spec(String id, String name, String task, String description, String source, NetDocument document,
                long referenceParameters, Map<String, String> portNotes) {
        String file() {
            return id + ".json";
        }
    }

    private GalleryNets() {
    }

    /** Every gallery net, in the order the gallery lists them. */
    static List<Spec> all() {
        List<String> imagenet = imagenetClasses();
        return List.of(lenet(), mlp(), fashionCnn(), vgg("vgg11", imagenet), vgg("vgg16", imagenet),
                resnet("resnet18", imagenet), resnet("resnet34", imagenet), resnet("resnet50", imagenet),
                mobilenetV2(imagenet), unet(), charLstm(), gruClassifier(), transformerEncoder());
    }

    /**
     * A net the project trained itself and ships with its weights as a {@code .nsnet} file.
     *
     * @param file    the .nsnet file among the gallery resources
     * @param retrain the command that trains it again, run from the repository's root
     */
    record Trained(Spec spec, String file, String retrain) {
    }

    /** The pretrained nets NetStudio trained itself, listed after the other entries. */
    static List<Trained> trained() {
        Spec cnn = fashionCnn();
        Spec spec = new Spec("fashion-cnn-pretrained", "Fashion-MNIST CNN (pretrained)", cnn.task(),
                "The Fashion-MNIST CNN (fashion-cnn) trained by NetStudio for 15 epochs with Adam (learning rate 0.001,"
                        + " batch 64, 10% of the training images held out for validation, the best epoch on validation"
                        + " kept, here epoch 9): 0.925 accuracy on the 10,000 test images.",
                "NetStudio, trained with its own trainer on Zalando's Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf,"
                        + " arXiv:1708.07747, MIT licence).",
                cnn.document(), cnn.referenceParameters(), cnn.portNotes());
        return List.of(new Trained(spec, "fashion-cnn-pretrained.nsnet", "./netstudio train fashion-cnn"
                + " --data fashion-mnist --epochs 15 --seed 1 --out fashion-cnn-pretrained.nsnet"));
    }

    static List<String> imagenetClasses() {
        try {
            List<String> lines = Files.readAllLines(ASSETS.resolve(IMAGENET_CLASSES), StandardCharsets.UTF_8);
            if (lines.size() != 1000) {
                throw new IllegalStateException(IMAGENET_CLASSES + " has " + lines.size() + " lines, not 1000");
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the nets ---------------------------------------------------------------------------

    static Spec lenet() {
        Seq s = new Seq()
                .add("conv1", conv(6, 5, 1, 2, 1, true)).add("tanh1", Layer.of("Tanh"))
                .add("pool1", Layer.of("Pooling", "function", "mean", "kernel", 2))
                .add("conv2", conv(16, 5, 1, 0, 1, true)).add("tanh2", Layer.of("Tanh"))
                .add("pool2", Layer.of("Pooling", "function", "mean", "kernel", 2))
                .add("flatten", Layer.of("Flatten"))
                .add("fc1", linear(120)).add("tanh3", Layer.of("Tanh"))
                .add("fc2", linear(84)).add("tanh4", Layer.of("Tanh"))
                .add("fc3", linear(10)).add("softmax", Layer.of("Softmax"));
        NetDocument doc = new NetDocument("LeNet-5", s.chain(grayscaleImage(28), classes(digits())), Layout.EMPTY);
        return new Spec("lenet", "LeNet-5", "Image classification (handwritten digits)",
                "LeNet-5 in its common modern form: two 5×5 convolutions (6 and 16 channels, the first padded by 2 so a"
                        + " 28×28 MNIST digit is seen as LeCun's 32×32 input) with tanh and 2×2 average pooling, then fully"
                        + " connected layers of 120, 84 and 10 units. Unlike the 1998 original, C3 connects to all six"
                        + " maps, pooling has no trainable coefficients, and a softmax replaces the RBF output layer.",
                "Y. LeCun, L. Bottou, Y. Bengio, P. Haffner: Gradient-based learning applied to document recognition,"
                        + " Proc. IEEE 86(11), 1998; layer sizes as in Dive into Deep Learning, section 7.6 (LeNet).",
                doc, 61_706, Map.of("Input", "a 28×28 grayscale digit", "Output", "probabilities of the digits 0 to 9"));
    }

    static Spec mlp() {
        Seq s = new Seq()
                .add("flatten", Layer.of("Flatten"))
                .add("dense1", linear(512)).add("relu1", Layer.of("Ramp")).add("dropout1", dropout(0.2))
                .add("dense2", linear(512)).add("relu2", Layer.of("Ramp")).add("dropout2", dropout(0.2))
                .add("dense3", linear(10)).add("softmax", Layer.of("Softmax"));
        NetDocument doc = new NetDocument("MNIST MLP", s.chain(grayscaleImage(28), classes(digits())), Layout.EMPTY);
        return new Spec("mlp", "MNIST MLP", "Image classification (handwritten digits)",
                "A multilayer perceptron for MNIST: the 784 pixels through two fully connected layers of 512 ReLU units,"
                        + " each followed by dropout 0.2, and a softmax over the 10 digits.",
                "Keras examples, mnist_mlp.py (\"Trains a simple deep NN on the MNIST dataset\"); model.summary()"
                        + " reports 669,706 parameters.",
                doc, 669_706, Map.of("Input", "a 28×28 grayscale digit", "Output", "probabilities of the digits 0 to 9"));
    }

    /** Fashion-MNIST's class names, in label order. */
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** NetStudio's own small CNN for Fashion-MNIST: what the command line trains to 0.90 in 3 epochs. */
    static Spec fashionCnn() {
        Seq s = new Seq()
                .add("conv1", conv(32, 3, 1, 1, 1, true)).add("bn1", bn()).add("relu1", Layer.of("Ramp"))
                .add("pool1", Layer.of("Pooling", "function", "max", "kernel", 2))
                .add("conv2", conv(64, 3, 1, 1, 1, true)).add("bn2", bn()).add("relu2", Layer.of("Ramp"))
                .add("pool2", Layer.of("Pooling", "function", "max", "kernel", 2))
                .add("flatten", Layer.of("Flatten")).add("dropout", dropout(0.3))
                .add("dense", linear(128)).add("relu3", Layer.of("Ramp"))
                .add("logits", linear(10)).add("softmax", Layer.of("Softmax"));
        NetDocument doc = new NetDocument("Fashion-MNIST CNN", s.chain(grayscaleImage(28), classes(FASHION_CLASSES)),
                Layout.EMPTY);
        return new Spec("fashion-cnn", "Fashion-MNIST CNN", "Image classification (clothing)",
                "A small convolutional net for Fashion-MNIST: two 3×3 convolutions (32 and 64 channels, padded) each"
                        + " with batch norm, ReLU and 2×2 max pooling, then dropout 0.3, a fully connected layer of 128"
                        + " ReLU units and a softmax over the 10 clothing classes. Trained from the command line for 3"
                        + " epochs (netstudio train fashion-cnn --data fashion-mnist --epochs 3) it reaches about 0.90"
                        + " test accuracy; fashion-cnn-pretrained is this net trained longer.",
                "NetStudio. Parameter count computed from the layer sizes: convolutions 320 + 18,496, batch norms"
                        + " 64 + 128 learnable, dense 401,536, output 1,290.",
                doc, 421_834, Map.of("Input", "a 28×28 grayscale image of a piece of clothing",
                        "Output", "probabilities of the 10 Fashion-MNIST classes"));
    }

    /** torchvision's VGG configurations "A" (VGG-11) and "D" (VGG-16); 0 stands for a max pooling. */
    private static final Map<String, int[]> VGG_CONFIGS = Map.of(
            "vgg11", new int[] {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0},
            "vgg16", new int[] {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0});

    static Spec vgg(String id, List<String> imagenet) {
        Seq features = new Seq();
        int i = 0;
        for (int v : VGG_CONFIGS.get(id)) {
            if (v == 0) {
                features.add(String.valueOf(i++), Layer.of("Pooling", "function", "max", "kernel", 2, "stride", 2));
            } else {
                features.add(String.valueOf(i++), conv(v, 3, 1, 1, 1, true));
                features.add(String.valueOf(i++), Layer.of("Ramp"));
            }
        }
        Seq classifier = new Seq()
                .add("0", linear(4096)).add("1", Layer.of("Ramp")).add("2", dropout(0.5))
                .add("3", linear(4096)).add("4", Layer.of("Ramp")).add("5", dropout(0.5))
                .add("6", linear(1000));
        Seq s = new Seq().add("features", features.chain()).add("flatten", Layer.of("Flatten"))
                .add("classifier", classifier.chain()).add("softmax", Layer.of("Softmax"));
        boolean eleven = id.equals("vgg11");
        String name = eleven ? "VGG-11" : "VGG-16";
        NetDocument doc = new NetDocument(name, s.chain(imagenetImage(), classes(imagenet)), Layout.EMPTY);
        return new Spec(id, name, "Image classification (ImageNet)",
                name + " (configuration " + (eleven ? "A" : "D") + "): " + (eleven ? "8" : "13") + " 3×3 convolutions"
                        + " with ReLU in five stages separated by 2×2 max pooling, then three fully connected layers"
                        + " (4096, 4096, 1000) with dropout 0.5. As torchvision.models." + id + " for 3×224×224 images:"
                        + " its AdaptiveAvgPool2d((7, 7)) is the identity on the 512×7×7 features of a 224×224 image, so it"
                        + " is left out. Node paths follow torchvision's module names (features/0 ↔ features.0).",
                "K. Simonyan, A. Zisserman: Very Deep Convolutional Networks for Large-Scale Image Recognition,"
                        + " ICLR 2015 (arXiv:1409.1556); torchvision.models." + id + ", whose " + (eleven ? "VGG11" : "VGG16")
                        + "_Weights.IMAGENET1K_V1 gives num_params " + (eleven ? "132863336" : "138357544") + ".",
                doc, eleven ? 132_863_336L : 138_357_544L, imagenetNotes());
    }

    static Spec resnet(String id, List<String> imagenet) {
        boolean bottleneck = id.equals("resnet50");
        int[] blocks = id.equals("resnet18") ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
        Seq s = new Seq()
                .add("conv1", conv(64, 7, 2, 3, 1, false)).add("bn1", bn()).add("relu", Layer.of("Ramp"))
                .add("maxpool", Layer.of("Pooling", "function", "max", "kernel", 3, "stride", 2, "padding", 1));
        int inplanes = 64;
        int[] planes = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            Seq layer = new Seq();
            int out = bottleneck ? planes[stage] * 4 : planes[stage];
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                boolean downsample = b == 0 && (stride != 1 || inplanes != out);
                layer.add(String.valueOf(b), bottleneck ? bottleneckBlock(planes[stage], stride, downsample)
                        : basicBlock(planes[stage], stride, downsample));
                inplanes = out;
            }
            s.add("layer" + (stage + 1), layer.chain());
        }
        s.add("avgpool", Layer.of("GlobalPooling")).add("fc", linear(1000)).add("softmax", Layer.of("Softmax"));
        String depth = id.substring("resnet".length());
        String name = "ResNet-" + depth;
        NetDocument doc = new NetDocument(name, s.chain(imagenetImage(), classes(imagenet)), Layout.EMPTY);
        long reference = switch (id) {
            case "resnet18" -> 11_689_512L;
            case "resnet34" -> 21_797_672L;
            default -> 25_557_032L;
        };
        String blockText = bottleneck
                ? "bottleneck blocks (1×1, 3×3, 1×1 convolutions, 4× expansion) with the stride in the 3×3 convolution"
                        + " (torchvision's ResNet v1.5)"
                : "basic blocks (two 3×3 convolutions)";
        return new Spec(id, name, "Image classification (ImageNet)",
                name + " as torchvision.models." + id + ": a 7×7/2 convolution and 3×3/2 max pooling, then four stages of "
                        + String.join(", ", java.util.Arrays.stream(blocks).mapToObj(String::valueOf).toList()) + " "
                        + blockText + ", batch norm after every convolution, and a projection shortcut (1×1 convolution +"
                        + " batch norm) where the shape changes; global average pooling and a 1000-way linear layer. Each"
                        + " residual block is a nested graph; node paths follow torchvision's module names"
                        + " (layer1/0/conv1 ↔ layer1.0.conv1).",
                "K. He, X. Zhang, S. Ren, J. Sun: Deep Residual Learning for Image Recognition, CVPR 2016"
                        + " (arXiv:1512.03385); torchvision.models." + id + ", whose ResNet" + depth
                        + "_Weights.IMAGENET1K_V1 gives num_params " + reference + ".",
                doc, reference, imagenetNotes());
    }

    private static Graph basicBlock(int planes, int stride, boolean downsample) {
        Net g = new Net().input("Input").output("Output")
                .node("conv1", conv(planes, 3, stride, 1, 1, false)).node("bn1", bn()).node("relu1", Layer.of("Ramp"))
                .node("conv2", conv(planes, 3, 1, 1, 1, false)).node("bn2", bn());
        if (downsample) {
            g.node("downsample", downsample(planes, stride));
        }
        g.node("add", Layer.of("Total")).node("relu2", Layer.of("Ramp"))
                .path("Input", "conv1", "bn1", "relu1", "conv2", "bn2", "add.Input1")
                .path(downsample ? new String[] {"Input", "downsample", "add.Input2"} : new String[] {"Input", "add.Input2"})
                .path("add", "relu2", "Output");
        return g.graph();
    }

    private static Graph bottleneckBlock(int planes, int stride, boolean downsample) {
        Net g = new Net().input("Input").output("Output")
                .node("conv1", conv(planes, 1, 1, 0, 1, false)).node("bn1", bn()).node("relu1", Layer.of("Ramp"))
                .node("conv2", conv(planes, 3, stride, 1, 1, false)).node("bn2", bn()).node("relu2", Layer.of("Ramp"))
                .node("conv3", conv(planes * 4, 1, 1, 0, 1, false)).node("bn3", bn());
        if (downsample) {
            g.node("downsample", downsample(planes * 4, stride));
        }
        g.node("add", Layer.of("Total")).node("relu3", Layer.of("Ramp"))
                .path("Input", "conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "conv3", "bn3", "add.Input1")
                .path(downsample ? new String[] {"Input", "downsample", "add.Input2"} : new String[] {"Input", "add.Input2"})
                .path("add", "relu3", "Output");
        return g.graph();
    }

    private static Chain downsample(int channels, int stride) {
        return new Seq().add("0", conv(channels, 1, stride, 0, 1, false)).add("1", bn()).chain();
    }

    static Spec mobilenetV2(List<String> imagenet) {
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
            {6, 320, 1, 1}};
        Seq features = new Seq().add("0", convBnRelu6(32, 3, 2, 1));
        int in = 32;
        int k = 1;
        for (int[] tcns : settings) {
            for (int i = 0; i < tcns[2]; i++) {
                features.add(String.valueOf(k++), invertedResidual(in, tcns[1], i == 0 ? tcns[3] : 1, tcns[0]));
                in = tcns[1];
            }
        }
        features.add(String.valueOf(k), convBnRelu6(1280, 1, 1, 1));
        Seq s = new Seq().add("features", features.chain()).add("pool", Layer.of("GlobalPooling"))
                .add("classifier", new Seq().add("0", dropout(0.2)).add("1", linear(1000)).chain())
                .add("softmax", Layer.of("Softmax"));
        NetDocument doc = new NetDocument("MobileNetV2", s.chain(imagenetImage(), classes(imagenet)), Layout.EMPTY);
        return new Spec("mobilenet-v2", "MobileNetV2", "Image classification (ImageNet)",
                "MobileNetV2 (width 1.0) as torchvision.models.mobilenet_v2: a 3×3/2 convolution to 32 channels, 17"
                        + " inverted residual blocks (t, c, n, s = 1,16,1,1; 6,24,2,2; 6,32,3,2; 6,64,4,2; 6,96,3,1;"
                        + " 6,160,3,2; 6,320,1,1: a 1×1 expansion, a 3×3 depthwise convolution (groups = channels) and a"
                        + " linear 1×1 projection, with a residual sum where stride is 1 and the channels agree), a 1×1"
                        + " convolution to 1280 channels, global average pooling, dropout 0.2 and a 1000-way linear layer."
                        + " Convolutions have no bias and are followed by batch norm; ReLU6 is Elementwise min(max(x, 0), 6)."
                        + " Each inverted residual block is a nested graph; node paths follow torchvision's module names"
                        + " (features/2/conv/1/0 ↔ features.2.conv.1.0).",
                "M. Sandler, A. Howard, M. Zhu, A. Zhmoginov, L.-C. Chen: MobileNetV2: Inverted Residuals and Linear"
                        + " Bottlenecks, CVPR 2018 (arXiv:1801.04381); torchvision.models.mobilenet_v2, whose"
                        + " MobileNet_V2_Weights.IMAGENET1K_V1 gives num_params 3504872.",
                doc, 3_504_872, imagenetNotes());
    }

    private static Chain convBnRelu6(int channels, int kernel, int stride, int groups) {
        return new Seq().add("0", conv(channels, kernel, stride, (kernel - 1) / 2, groups, false)).add("1", bn())
                .add("2", Layer.of("Elementwise", "function", RELU6)).chain();
    }

    private static Graph invertedResidual(int in, int out, int stride, int expandRatio) {
        int hidden = in * expandRatio;
        Seq conv = new Seq();
        int i = 0;
        if (expandRatio != 1) {
            conv.add(String.valueOf(i++), convBnRelu6(hidden, 1, 1, 1));
        }
        conv.add(String.valueOf(i++), convBnRelu6(hidden, 3, stride, hidden));
        conv.add(String.valueOf(i++), conv(out, 1, 1, 0, 1, false));
        conv.add(String.valueOf(i), bn());
        boolean residual = stride == 1 && in == out;
        Net g = new Net().input("Input").output("Output").node("conv", conv.chain());
        if (residual) {
            g.node("add", Layer.of("Total")).path("Input", "conv", "add.Input1").path("Input", "add.Input2")
                    .path("add", "Output");
        } else {
            g.path("Input", "conv", "Output");
        }
        return g.graph();
    }

    /** U-Net with padded convolutions, as milesial/Pytorch-UNet's UNet(n_channels=3, n_classes=2, bilinear=False). */
    static Spec unet() {
        Net g = new Net().input("Input", PortDecls.shape(3, 256, 256))
                .output("Output", PortDecls.shape(2, 256, 256))
                .node("inc", doubleConv(new Seq(), 64))
                .node("down1", doubleConv(new Seq().add("pool", maxPool2()), 128))
                .node("down2", doubleConv(new Seq().add("pool", maxPool2()), 256))
                .node("down3", doubleConv(new Seq().add("pool", maxPool2()), 512))
                .node("down4", doubleConv(new Seq().add("pool", maxPool2()), 1024))
                .node("up1", up(512)).node("up2", up(256)).node("up3", up(128)).node("up4", up(64))
                .node("outc", conv(2, 1, 1, 0, 1, true))
                .node("softmax", Layer.of("Softmax", "axis", 0))
                .path("Input", "inc", "down1", "down2", "down3", "down4", "up1.Input")
                .path("down3", "up1.Skip").path("up1", "up2.Input").path("down2", "up2.Skip")
                .path("up2", "up3.Input").path("down1", "up3.Skip").path("up3", "up4.Input").path("inc", "up4.Skip")
                .path("up4", "outc", "softmax", "Output");
        NetDocument doc = new NetDocument("U-Net", g.graph(), Layout.EMPTY);
        return new Spec("unet", "U-Net", "Semantic segmentation",
                "U-Net in the padded form most PyTorch code uses (milesial/Pytorch-UNet, UNet(n_channels=3, n_classes=2,"
                        + " bilinear=False)): every 3×3 convolution is padded, so the output has the input's size and the"
                        + " skip connections need no cropping (the 2015 paper's convolutions are unpadded, 572×572 →"
                        + " 388×388); each convolution is followed by batch norm (the paper has none) and so has no bias;"
                        + " an encoder of 64, 128, 256, 512, 1024 channels with 2×2 max pooling; a decoder that upsamples"
                        + " with 2×2/2 transposed convolutions halving the channels, concatenates the skip connection"
                        + " first, and applies two convolutions; a 1×1 convolution to the 2 classes and a softmax over"
                        + " classes at every pixel. Input 3×256×256 (any size divisible by 16 works in the original).",
                "O. Ronneberger, P. Fischer, T. Brox: U-Net: Convolutional Networks for Biomedical Image Segmentation,"
                        + " MICCAI 2015 (arXiv:1505.04597); padded variant after github.com/milesial/Pytorch-UNet"
                        + " (unet_model.py, unet_parts.py). Parameter count computed from the layer sizes.",
                doc, 31_037_698,
                Map.of("Input", "an RGB image, 3×256×256", "Output", "per pixel, the probabilities of the 2 classes"));
    }

    private static Layer maxPool2() {
        return Layer.of("Pooling", "function", "max", "kernel", 2);
    }

    /** Appends (3×3 convolution without bias, batch norm, ReLU) twice to {@code s}. */
    private static Chain doubleConv(Seq s, int channels) {
        return s.add("conv1", conv(channels, 3, 1, 1, 1, false)).add("bn1", bn()).add("relu1", Layer.of("Ramp"))
                .add("conv2", conv(channels, 3, 1, 1, 1, false)).add("bn2", bn()).add("relu2", Layer.of("Ramp"))
                .chain();
    }

    /** A decoder step: upsample the Input, concatenate [Skip, upsampled] along channels, double convolution. */
    private static Graph up(int channels) {
        return new Net().input("Input").input("Skip").output("Output")
                .node("up", Layer.of("Deconvolution", "channels", channels, "kernel", 2, "stride", 2))
                .node("cat", Layer.of("Catenate"))
                .node("conv", doubleConv(new Seq(), channels))
                .path("Input", "up", "cat.Input2").path("Skip", "cat.Input1").path("cat", "conv", "Output")
                .graph();
    }

    /** Newline and the printable ASCII characters, 96 in all. */
    static String charAlphabet() {
        StringBuilder sb = new StringBuilder("\n");
        for (char c = 32; c < 127; c++) {
            sb.append(c);
        }
        return sb.toString();
    }

    static Spec charLstm() {
        String alphabet = charAlphabet();
        Seq s = new Seq()
                .add("embedding", Layer.of("Embedding", "size", 128, "vocabulary", alphabet.length()))
                .add("lstm1", Layer.of("LSTM", "units", 512)).add("dropout", dropout(0.2))
                .add("lstm2", Layer.of("LSTM", "units", 512))
                .add("decoder", linear(alphabet.length())).add("softmax", Layer.of("Softmax"));
        Coder chars = new Coder("Characters", Map.of("alphabet", alphabet));
        NetDocument doc = new NetDocument("Character-level LSTM",
                s.chain(PortDecls.encoder(chars), PortDecls.decoder(chars)), Layout.EMPTY);
        return new Spec("char-lstm", "Character-level LSTM", "Language modelling (text generation)",
                "A character-level language model in the manner of Karpathy's char-rnn: a Characters encoder over"
                        + " newline and the 95 printable ASCII characters turns a text of any length n into n indices,"
                        + " a 128-wide embedding feeds two LSTM layers of 512 units (dropout 0.2 between them, as"
                        + " nn.LSTM(128, 512, num_layers=2, dropout=0.2)), and a linear layer with softmax gives, at every"
                        + " position, the probabilities of the next character.",
                "A. Karpathy: The Unreasonable Effectiveness of Recurrent Neural Networks (2015) and char-rnn;"
                        + " S. Hochreiter, J. Schmidhuber: Long Short-Term Memory, Neural Computation 9(8), 1997."
                        + " Parameter count computed from the layer sizes (PyTorch's LSTM: two bias vectors).",
                doc, 3_477_600, Map.of("Input", "a text of n characters", "Output",
                        "for each of the n positions, the probabilities of the next character"));
    }

    static Spec gruClassifier() {
        Seq s = new Seq()
                .add("embedding", Layer.of("Embedding", "size", 100, "vocabulary", 20_000))
                .add("gru", Layer.of("GRU", "units", 128, "returnSequences", false))
                .add("dropout", dropout(0.5))
                .add("classifier", linear(2)).add("softmax", Layer.of("Softmax"));
        NetDocument doc = new NetDocument("GRU text classifier",
                s.chain(PortDecls.indices(20_000, "n"), classes(List.of("negative", "positive"))), Layout.EMPTY);
        return new Spec("gru-classifier", "GRU text classifier", "Text classification (sentiment)",
                "A recurrent sentiment classifier: n token indices from a 20,000-word vocabulary, a 100-wide embedding,"
                        + " a GRU of 128 units whose last state summarises the text, dropout 0.5 and a linear layer with"
                        + " softmax over the labels negative and positive (an IMDB-style review classifier).",
                "K. Cho et al.: Learning Phrase Representations using RNN Encoder-Decoder for Statistical Machine"
                        + " Translation, EMNLP 2014 (the GRU). Parameter count computed from the layer sizes"
                        + " (PyTorch's GRU: two bias vectors).",
                doc, 2_088_578, Map.of("Input", "a text as n token indices (0 to 19,999)", "Output",
                        "probabilities of negative and positive"));
    }

    static final int TF_VOCABULARY = 10_000;
    static final int TF_MAX_LENGTH = 512;
    static final int TF_WIDTH = 256;
    static final int TF_HEADS = 4;
    static final int TF_FEED_FORWARD = 1024;
    static final int TF_LAYERS = 4;
    static final List<String> TF_LABELS = List.of("World", "Sports", "Business", "Sci/Tech");

    static Spec transformerEncoder() {
        Net g = new Net().input("Tokens", PortDecls.indices(TF_VOCABULARY, "n"))
                .input("Positions", PortDecls.indices(TF_MAX_LENGTH, "n"))
                .output("Output", classes(TF_LABELS))
                .node("token_embedding", Layer.of("Embedding", "size", TF_WIDTH, "vocabulary", TF_VOCABULARY))
                .node("position_embedding", Layer.of("Embedding", "size", TF_WIDTH, "vocabulary", TF_MAX_LENGTH))
                .node("embed", Layer.of("Total")).node("dropout", dropout(0.1))
                .path("Tokens", "token_embedding", "embed.Input1").path("Positions", "position_embedding", "embed.Input2")
                .path("embed", "dropout");
        String previous = "dropout";
        for (int i = 0; i < TF_LAYERS; i++) {
            String name = "layer" + (i + 1);
            g.node(name, encoderLayer()).path(previous, name);
            previous = name;
        }
        g.node("transpose", Layer.of("Transpose", "perm", List.of(1, 0))).node("pool", Layer.of("GlobalPooling"))
                .node("classifier", linear(TF_LABELS.size())).node("softmax", Layer.of("Softmax"))
                .path(previous, "transpose", "pool", "classifier", "softmax", "Output");
        NetDocument doc = new NetDocument("Transformer encoder", g.graph(), Layout.EMPTY);
        return new Spec("transformer-encoder", "Transformer encoder", "Text classification (topics)",
                "A Transformer encoder text classifier (BERT-style, post-norm as in the original Transformer and"
                        + " PyTorch's nn.TransformerEncoderLayer): token embedding (vocabulary 10,000) plus a learned"
                        + " position embedding (up to 512 positions, the second input carries 0, 1, …, n-1), dropout 0.1;"
                        + " 4 encoder layers of width 256, each multi-head self-attention with 4 heads of 64 (query, key,"
                        + " value and output projections are Linear layers around the parameter-free Attention), dropout,"
                        + " residual sum and LayerNorm, then a feed-forward 256 → 1024 → 256 with ReLU and dropout,"
                        + " residual sum and LayerNorm; mean pooling over the positions (Transpose + GlobalPooling) and a"
                        + " linear layer with softmax over 4 topics (the AG News labels). Each encoder layer is a nested graph.",
                "A. Vaswani et al.: Attention Is All You Need, NeurIPS 2017 (arXiv:1706.03762); J. Devlin et al.: BERT,"
                        + " NAACL 2019 (learned position embeddings). Parameter count computed from the layer sizes; each"
                        + " encoder layer has the parameters of nn.TransformerEncoderLayer(256, 4, 1024).",
                doc, 5_851_140, Map.of("Tokens", "a text as n token indices (0 to 9,999)",
                        "Positions", "the position of each token: 0, 1, …, n-1 (n at most 512)",
                        "Output", "probabilities of the 4 topics World, Sports, Business, Sci/Tech"));
    }

    /** One post-norm encoder layer: x = norm1(x + dropout(attention(x))); x = norm2(x + dropout(feedForward(x))). */
    private static Graph encoderLayer() {
        return new Net().input("Input").output("Output")
                .node("query", linear(TF_WIDTH)).node("key", linear(TF_WIDTH)).node("value", linear(TF_WIDTH))
                .node("attention", Layer.of("Attention", "heads", TF_HEADS, "keySize", TF_WIDTH / TF_HEADS))
                .node("out_proj", linear(TF_WIDTH)).node("dropout1", dropout(0.1))
                .node("add1", Layer.of("Total")).node("norm1", Layer.of("LayerNorm"))
                .node("linear1", linear(TF_FEED_FORWARD)).node("relu", Layer.of("Ramp")).node("dropout", dropout(0.1))
                .node("linear2", linear(TF_WIDTH)).node("dropout2", dropout(0.1))
                .node("add2", Layer.of("Total")).node("norm2", Layer.of("LayerNorm"))
                .path("Input", "query", "attention.Query").path("Input", "key", "attention.Key")
                .path("Input", "value", "attention.Value")
                .path("attention", "out_proj", "dropout1", "add1.Input1").path("Input", "add1.Input2")
                .path("add1", "norm1", "linear1", "relu", "dropout", "linear2", "dropout2", "add2.Input1")
                .path("norm1", "add2.Input2").path("add2", "norm2", "Output")
                .graph();
    }

    // ---- layers and ports -----------------------------------------------------------------

    /** A convolution with only the non-default parameters set, so the file stays short. */
    static Layer conv(int channels, int kernel, int stride, int padding, int groups, boolean bias) {
        List<Object> kv = new ArrayList<>(List.of("channels", channels, "kernel", kernel));
        if (stride != 1) {
            kv.addAll(List.of("stride", stride));
        }
        if (padding != 0) {
            kv.addAll(List.of("padding", padding));
        }
        if (groups != 1) {
            kv.addAll(List.of("groups", groups));
        }
        if (!bias) {
            kv.addAll(List.of("bias", false));
        }
        return Layer.of("Convolution", kv.toArray());
    }

    static Layer bn() {
        return Layer.of("BatchNorm");
    }

    static Layer linear(int units) {
        return Layer.of("Linear", "units", units);
    }

    static Layer dropout(double rate) {
        return rate == 0.5 ? Layer.of("Dropout") : Layer.of("Dropout", "rate", rate);
    }

    static PortDecl grayscaleImage(int size) {
        return PortDecls.encoder(new Coder("Image", Map.of("size", List.of(size, size), "colorSpace", "Grayscale")));
    }

    /** 224×224 RGB, normalised with the ImageNet mean and standard deviation, as torchvision's transforms. */
    static PortDecl imagenetImage() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("size", List.of(224, 224));
        o.put("colorSpace", "RGB");
        o.put("mean", List.of(0.485, 0.456, 0.406));
        o.put("std", List.of(0.229, 0.224, 0.225));
        return PortDecls.encoder(new Coder("Image", o));
    }

    static PortDecl classes(List<String> labels) {
        return PortDecls.decoder(new Coder("Class", Map.of("labels", labels)));
    }

    static List<String> digits() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    static Map<String, String> imagenetNotes() {
        return Map.of("Input", "an RGB image, resized to 224×224 and normalised with the ImageNet mean and standard deviation",
                "Output", "probabilities of the 1000 ImageNet classes (torchvision's class names)");
    }

    // ---- builders -------------------------------------------------------------------------

    /** Named elements of a chain, in order. */
    static final class Seq {
        private final List<String> names = new ArrayList<>();
        private final List<NetNode> nodes = new ArrayList<>();

        Seq add(String name, NetNode node) {
            names.add(name);
            nodes.add(node);
            return this;
        }

        Chain chain() {
            return chain(PortDecl.UNSPECIFIED, PortDecl.UNSPECIFIED);
        }

        Chain chain(PortDecl input, PortDecl output) {
            return Chain.named(input, nodes, names, output);
        }
    }

    /**
     * A graph under construction. Edge ends are written as in the file: a graph port's name, a node
     * (its only input or output port) or "node.Port".
     */
    static final class Net {
        private final Map<String, PortDecl> inputs = new LinkedHashMap<>();
        private final Map<String, PortDecl> outputs = new LinkedHashMap<>();
        private final Map<String, NetNode> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();

        Net input(String name) {
            return input(name, PortDecl.UNSPECIFIED);
        }

        Net input(String name, PortDecl decl) {
            inputs.put(name, decl);
            return this;
        }

        Net output(String name) {
            return output(name, PortDecl.UNSPECIFIED);
        }

        Net output(String name, PortDecl decl) {
            outputs.put(name, decl);
            return this;
        }

        Net node(String name, NetNode node) {
            if (nodes.put(name, node) != null) {
                throw new IllegalArgumentException("two nodes named " + name);
            }
            return this;
        }

        /** Wires each end to the next. */
        Net path(String... ends) {
            for (int i = 0; i + 1 < ends.length; i++) {
                edges.add(new Edge(source(ends[i]), target(ends[i + 1])));
            }
            return this;
        }

        private PortRef source(String end) {
            if (inputs.containsKey(end)) {
                return PortRef.graphPort(end);
            }
            return ref(end, true);
        }

        private PortRef target(String end) {
            if (outputs.containsKey(end)) {
                return PortRef.graphPort(end);
            }
            return ref(end, false);
        }

        private PortRef ref(String end, boolean source) {
            int dot = end.indexOf('.');
            String name = dot < 0 ? end : end.substring(0, dot);
            NetNode node = nodes.get(name);
            if (node == null) {
                throw new IllegalArgumentException("no node " + name);
            }
            List<String> ports = source ? node.outputNames() : node.inputNames();
            String port = dot < 0 ? ports.get(0) : end.substring(dot + 1);
            if (!ports.contains(port)) {
                throw new IllegalArgumentException(name + " has no port " + port);
            }
            return PortRef.of(name, port);
        }

        Graph graph() {
            return new Graph(inputs, nodes, edges, outputs);
        }
    }
}

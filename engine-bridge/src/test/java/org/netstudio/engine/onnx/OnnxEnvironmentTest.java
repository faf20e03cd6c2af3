package org.netstudio.engine.onnx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import ai.onnxruntime.OrtEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Every ONNX Runtime session of NetStudio's runs on one pool of threads: sessions with pools of their
 * own fight over the cores (three taking turns ran 2 to 3 times slower on 2 cores).
 */
class OnnxEnvironmentTest {

    @Test
    void onlyOnnxEnvironmentMakesTheEnvironment() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.netstudio.engine");
        noClasses().that().doNotHaveFullyQualifiedName(OnnxEnvironment.class.getName())
                .should().callMethod(OrtEnvironment.class, "getEnvironment")
                .because("a session made there would bring a pool of threads of its own").check(engine);
    }

    @Test
    void runnersOnEveryCoreShareThePoolAndComputeAsBefore() throws Exception {
        // A small net exported by NetStudio: two runners of it on all cores, both on the shared pool.
        Chain net = Chain.of(PortDecl.of(TensorType.real(3)), Layer.of("Linear", "units", 2), Layer.of("Tanh"));
        Weights weights = Weights.of(java.util.List.of(
                WeightArray.of("linear1/weights", new long[] {2, 3}, new float[] {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f}),
                WeightArray.of("linear1/biases", new long[] {2}, new float[] {0.05f, -0.05f})), java.util.Map.of());
        byte[] model = org.netstudio.netgraph.io.onnx.OnnxExporter.export(
                new org.netstudio.netgraph.net.NetDocument("small", net, null), weights);
        TensorValue x = TensorValue.of(new float[] {1, 2, 3}, 1, 3);
        try (OnnxRuntimeRunner a = OnnxRuntimeRunner.of(model, OnnxEnvironment.cores());
             OnnxRuntimeRunner b = OnnxRuntimeRunner.of(model, OnnxEnvironment.cores());
             OnnxRuntimeRunner one = OnnxRuntimeRunner.of(model, 1)) {
            assertThat(OnnxEnvironment.sharedPool()).isTrue();
            String in = a.inputNames().get(0);
            float[] first = a.run(Map.of(in, x)).values().iterator().next().values();
            assertThat(b.run(Map.of(in, x)).values().iterator().next().values()).containsExactly(first);
            assertThat(one.run(Map.of(in, x)).values().iterator().next().values()).containsExactly(first);
            assertThat(first).hasSize(2);
        }
    }
}

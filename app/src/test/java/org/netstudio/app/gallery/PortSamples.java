package org.netstudio.app.gallery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a fixture keeps of a tensor PyTorch computed at a port (port_probe_fixtures.py,
 * torchvision_ports.py): its shape, every k-th value, and the mean and mean magnitude of all.
 * For tests only.
 *
 * @param sample one port's object of the fixture
 */
public record PortSamples(JsonNode sample) {

    /** The shape PyTorch gave, batch first. */
    public long[] shape() {
        JsonNode a = sample.get("shape");
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asLong();
        }
        return v;
    }

    /**
     * How far {@code values} are from PyTorch's, as a share of the largest sampled magnitude: the
     * worst of the sampled values, the mean and the mean magnitude.
     */
    public double worstDifference(float[] values) {
        JsonNode indices = sample.get("indices");
        double largest = 1e-30;
        double worst = 0;
        for (int i = 0; i < indices.size(); i++) {
            double e = sample.get("values").get(i).asDouble();
            largest = Math.max(largest, Math.abs(e));
            worst = Math.max(worst, Math.abs(e - values[indices.get(i).asInt()]));
        }
        double sum = 0;
        double magnitude = 0;
        for (float v : values) {
            sum += v;
            magnitude += Math.abs(v);
        }
        worst = Math.max(worst, Math.abs(sum / values.length - sample.get("mean").asDouble()));
        worst = Math.max(worst, Math.abs(magnitude / values.length - sample.get("meanAbs").asDouble()));
        return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst / largest;
    }
}

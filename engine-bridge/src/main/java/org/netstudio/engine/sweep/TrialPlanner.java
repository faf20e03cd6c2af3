package org.netstudio.engine.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Turns a search space into the trials of a sweep, by grid or seeded random sampling. */
public final class TrialPlanner {

    private TrialPlanner() {
    }

    /**
     * Plans the trials.
     *
     * @param sweepId the sweep's id, carried by each trial
     * @param space the space
     * @param sampling grid or random
     * @param budget the most trials to run, at least 1
     * @param seed the random draws' seed (random sampling only)
     * @return the trials, numbered from 1; a grid may have fewer than the budget
     */
    public static List<Trial> plan(String sweepId, SearchSpace space, Sampling sampling, int budget, long seed) {
        if (budget < 1) {
            throw new IllegalArgumentException("A sweep needs a budget of at least 1 trial, but was " + budget);
        }
        List<Map<String, Object>> points = sampling == Sampling.GRID ? grid(space, budget) : random(space, budget, seed);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < points.size() && i < budget; i++) {
            trials.add(new Trial(sweepId, i + 1, points.get(i)));
        }
        return trials;
    }

    /** Each dimension's grid values: lists as given, intervals at as many points as the budget allows. */
    static List<List<Object>> gridValues(SearchSpace space, int budget) {
        long listed = 1;
        int intervals = 0;
        for (Dimension d : space.dimensions()) {
            if (d.domain() instanceof Domain.Choices c) {
                listed *= c.values().size();
            } else {
                intervals++;
            }
        }
        int points = intervals == 0 ? 0
                : Math.max(2, (int) Math.floor(Math.pow((double) budget / listed, 1.0 / intervals) + 1e-9));
        List<List<Object>> values = new ArrayList<>();
        for (Dimension d : space.dimensions()) {
            if (d.domain() instanceof Domain.Choices c) {
                values.add(c.values());
            } else {
                Domain.Interval in = (Domain.Interval) d.domain();
                List<Object> vs = new ArrayList<>();
                for (int i = 0; i < points; i++) {
                    Object v = in.at(points == 1 ? 0.5 : (double) i / (points - 1));
                    if (!vs.contains(v)) {
                        vs.add(v);
                    }
                }
                values.add(vs);
            }
        }
        return values;
    }

    private static List<Map<String, Object>> grid(SearchSpace space, int budget) {
        List<List<Object>> values = gridValues(space, budget);
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        // The first dimension varies slowest, as one reads a table.
        for (int d = 0; d < values.size(); d++) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object v : values.get(d)) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(space.dimensions().get(d).name(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    private static List<Map<String, Object>> random(SearchSpace space, int budget, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < budget; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (Dimension d : space.dimensions()) {
                p.put(d.name(), d.domain() instanceof Domain.Choices c ? c.values().get(random.nextInt(c.values().size()))
                        : ((Domain.Interval) d.domain()).at(random.nextDouble()));
            }
            points.add(p);
        }
        return points;
    }
}

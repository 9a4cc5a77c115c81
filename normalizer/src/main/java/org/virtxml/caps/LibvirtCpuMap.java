package org.virtxml.caps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What libvirt's x86 CPU map says about named models, reduced to feature names: every feature in the map's order
 * (libvirt lists features in that order in its messages), and per model the features it contains and the ones
 * newer libvirt removed from it (libvirt disables those explicitly for a guest using the model). Recorded from
 * the installed libvirt by {@code virtxml probe-qemu}; the argv backend uses it to compare a guest CPU with the
 * host's ({@code check='partial'}) as libvirt does before starting a guest.
 *
 * @param features every feature, in the map's order
 * @param models   per model name, its features and removed features
 */
public record LibvirtCpuMap(List<String> features, Map<String, Model> models) {

    /** Makes the contents unmodifiable. */
    public LibvirtCpuMap {
        features = List.copyOf(features);
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /**
     * One named model.
     *
     * @param features the features it contains, in map order
     * @param removed  features removed from it in later libvirt releases
     */
    public record Model(List<String> features, List<String> removed) {

        /** Makes the lists unmodifiable. */
        public Model {
            features = List.copyOf(features);
            removed = List.copyOf(removed);
        }
    }

    /** An empty map (a profile recorded without libvirt's CPU map). */
    public static LibvirtCpuMap empty() {
        return new LibvirtCpuMap(List.of(), Map.of());
    }

    /** Whether the map has no models. */
    public boolean isEmpty() {
        return models.isEmpty();
    }

    /** The features of a model, or null for an unknown model. */
    public Set<String> modelFeatures(String model) {
        Model m = models.get(model);
        return m == null ? null : new LinkedHashSet<>(m.features());
    }

    /** Feature names sorted in the map's order (unknown names last, in their given order). */
    public List<String> inMapOrder(Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String f : features) {
            if (names.contains(f)) {
                out.add(f);
            }
        }
        for (String n : names) {
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}

package org.virtxml.normalizer.device;

import java.util.List;
import org.virtxml.model.DomainSeclabelRef;
import org.virtxml.model.YesNo;

/** Per-device {@code <seclabel>} overrides as an inactive definition keeps them. */
final class Seclabels {
    private Seclabels() {
    }

    /**
     * {@code labelskip} is only read from live definitions; an override without a label that still relabels says
     * nothing and is dropped; the rest is written with an explicit {@code relabel}.
     */
    static void normalize(List<DomainSeclabelRef> labels) {
        labels.removeIf(l -> {
            l.setLabelskip(null);
            boolean relabel = l.getRelabel() != YesNo.NO;
            l.setRelabel(relabel ? YesNo.YES : YesNo.NO);
            return l.getLabel() == null && relabel;
        });
    }
}

package org.virtxml.normalizer.platform;

import java.util.List;
import java.util.Objects;
import org.virtxml.caps.HostFacts;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainSeclabel;
import org.virtxml.model.DomainSeclabelType;
import org.virtxml.model.YesNo;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * Domain security labels as libvirt's parser reads them for an inactive definition (virSecurityLabelDefsParseXML):
 * dynamic labels relabel resources, static and none ones do not unless told; a label of model {@code none} is type
 * none; the generated labels of a running domain ({@code <imagelabel>}, a dynamic label's {@code <label>}) are
 * not kept; a single label without a model takes the host's first security model. Runs with the parser's rules,
 * once the host facts are known.
 */
public final class Seclabels implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        List<DomainSeclabel> labels = d.getSeclabels();
        if (labels.isEmpty()) {
            return;
        }
        for (int i = 0; i < labels.size(); i++) {
            DomainSeclabel l = labels.get(i);
            parse(l);
            for (int j = 0; j < i; j++) {
                if (Objects.equals(l.getModel(), labels.get(j).getModel())) {
                    throw new NormalizeException("seclabel for model " + (l.getModel() == null ? "(null)"
                            : l.getModel()) + " is already provided", l);
                }
            }
        }
        List<HostFacts.SecModel> models = ctx.caps().host().secModels();
        String defModel = models.isEmpty() ? null : models.get(0).model();
        if (labels.size() == 1 && labels.get(0).getModel() == null && defModel != null) {
            DomainSeclabel l = labels.get(0);
            if (l.getType() == DomainSeclabelType.NONE
                    || (l.getType() == DomainSeclabelType.DYNAMIC && l.getBaselabel() == null)) {
                l.setModel(defModel);
                if (defModel.equals("none")) {
                    // older definitions: with no security driver the label is none
                    l.setType(DomainSeclabelType.NONE);
                    l.setRelabel(YesNo.NO);
                    l.setBaselabel(null);
                }
            } else {
                throw NormalizeException.xmlError("missing security model in domain seclabel", l);
            }
        }
        if (labels.size() > 1) {
            for (DomainSeclabel l : labels) {
                if (l.getModel() == null) {
                    throw NormalizeException.xmlError("missing security model when using multiple labels", l);
                }
            }
        }
        for (DomainSeclabel l : labels) {
            format(l);
        }
    }

    private static void parse(DomainSeclabel l) {
        if (l.getType() == null) {
            l.setType(DomainSeclabelType.DYNAMIC);
        }
        boolean relabel = l.getRelabel() != null ? l.getRelabel() == YesNo.YES
                : l.getType() == DomainSeclabelType.DYNAMIC;
        if (l.getType() == DomainSeclabelType.DYNAMIC && !relabel) {
            throw NormalizeException.unsupported("dynamic label type must use resource relabeling", l);
        }
        if (l.getType() == DomainSeclabelType.NONE && relabel) {
            throw NormalizeException.unsupported(
                    "resource relabeling is not compatible with 'none' label type", l);
        }
        l.setRelabel(relabel ? YesNo.YES : YesNo.NO);
        if ("none".equals(l.getModel())) {
            l.setType(DomainSeclabelType.NONE);
            l.setRelabel(YesNo.NO);
            l.setLabel(null);
            l.setImagelabel(null);
            l.setBaselabel(null);
            return;
        }
        if (l.getType() == DomainSeclabelType.STATIC) {
            if (l.getLabel() == null || l.getLabel().isEmpty()) {
                throw NormalizeException.xmlError("security label is missing", l);
            }
        } else {
            l.setLabel(null);
        }
        // image labels are generated at start-up, an inactive definition does not keep them
        l.setImagelabel(null);
        if (l.getType() != DomainSeclabelType.DYNAMIC || (l.getBaselabel() != null && l.getBaselabel().isEmpty())) {
            l.setBaselabel(null);
        }
    }

    /** A label of type none prints only its type and model; the others always print {@code relabel}. */
    private static void format(DomainSeclabel l) {
        if (l.getType() == DomainSeclabelType.NONE) {
            l.setRelabel(null);
            l.setLabel(null);
            l.setImagelabel(null);
            l.setBaselabel(null);
        }
    }
}

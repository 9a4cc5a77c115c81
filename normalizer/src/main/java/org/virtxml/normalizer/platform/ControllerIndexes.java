package org.virtxml.normalizer.platform;

import java.util.List;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * Gives every controller without an index one, before the hypervisor's post-parse looks controllers up by index:
 * the lowest index unused by its type, except that a USB 2 companion listed right after another USB 2 controller
 * joins that controller's index (the group shares one bus), unless that index already has one of its model.
 */
public final class ControllerIndexes implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices devices = ctx.devices();
        List<DomainController> list = devices.getControllers();
        for (int outer = 0; outer < list.size(); outer++) {
            DomainController cont = list.get(outer);
            if (cont.getIndex() != null) {
                continue;
            }
            DomainController prev = null;
            if (outer > 0 && Controllers.isUsb2(cont)) {
                for (int p = outer - 1; p >= 0; p--) {
                    if (list.get(p).getType() == DomainControllerType.USB) {
                        prev = list.get(p);
                        break;
                    }
                }
                if (prev != null && (!Controllers.isUsb2(prev) || prev.getIndex() == null)) {
                    prev = null;
                }
                if (prev != null) {
                    for (DomainController other : list) {
                        if (other.getType() == DomainControllerType.USB && other.getIndex() != null
                                && other.getIndex().equals(prev.getIndex()) && other.getModel() == cont.getModel()) {
                            prev = null;
                            break;
                        }
                    }
                }
            }
            cont.setIndex(prev != null ? prev.getIndex() : Controllers.unusedIndex(devices, cont.getType()));
        }
    }
}

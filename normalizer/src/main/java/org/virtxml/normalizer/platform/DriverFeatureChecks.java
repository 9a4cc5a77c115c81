package org.virtxml.normalizer.platform;

import org.virtxml.model.Domain;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * What the QEMU driver's parser configuration leaves out, checked at the end of post-parse
 * (virDomainDefPostParseCheckFeatures): the driver keeps its state in files named after the domain, so a name
 * cannot contain a slash. (Memory hotplug, offline vCPU pins and individual vCPU states are all supported.)
 */
public final class DriverFeatureChecks implements Stage {
    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        if (d.getName() != null && d.getName().indexOf('/') >= 0) {
            throw NormalizeException.xmlError("name " + d.getName() + " cannot contain '/'", d);
        }
    }
}

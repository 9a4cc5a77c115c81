package org.virtxml.normalizer;

import java.util.List;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.normalizer.address.DeviceInfo;
import org.virtxml.normalizer.device.DeviceChecks;
import org.virtxml.normalizer.platform.PlatformDeviceChecks;

/**
 * The device part of libvirt's validation (virDomainDefValidate's device iteration): device after device, in
 * libvirt's iteration order with every console and then the devices without device information (graphics, audio
 * backends, leases), each device's information (address, ACPI index), then the checks of its kind. The order
 * decides which refusal a domain gets: five IDE disks on a PC are refused at the fifth disk ("Only 1 IDE controller
 * is supported") before the second IDE controller it would need is looked at. Never changes the domain.
 */
public final class DeviceValidation implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices devices = ctx.devices();
        DeviceChecks deviceChecks = new DeviceChecks(ctx);
        List<DomainDevice> order = DeviceInfo.iterationOrder(devices, true);
        order.addAll(devices.getGraphics());
        order.addAll(devices.getAudios());
        order.addAll(devices.getLeases());
        for (DomainDevice dev : order) {
            DeviceInfo.validate(ctx, dev);
            PlatformDeviceChecks.check(ctx, dev);
            deviceChecks.check(dev);
        }
    }
}

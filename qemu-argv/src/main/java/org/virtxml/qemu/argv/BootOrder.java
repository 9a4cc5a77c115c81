package org.virtxml.qemu.argv;

import java.util.List;
import org.virtxml.model.DomainOs;
import org.virtxml.model.DomainOsBoot;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainDisk;

/**
 * Works out each device's boot index as libvirt's {@code qemuProcessPrepareDeviceBootorder} does. A device's own
 * {@code <boot order>} counts as is, except on interfaces: domxml-to-native rebuilds them as fresh 'ethernet'
 * interfaces that keep the order only where {@code -boot} no longer looks (so they get none). With
 * {@code <os><boot dev=.../>} the first disk of each kind gets the position of that kind in the list, and the
 * first interface the position of {@code network}.
 */
final class BootOrder implements PrepareStep {

    @Override
    public void prepare(Prepared p) {
        DomainDevices devices = p.domain().getDevices();
        if (devices == null) {
            return;
        }
        for (DomainDevice d : devices.all()) {
            if (d.getBoot() != null && d.getBoot().getOrder() != null
                    && !(d instanceof org.virtxml.model.devices.DomainInterface)) {
                p.setBootIndex(d, d.getBoot().getOrder());
            }
        }
        DomainOs os = p.domain().getOs();
        List<DomainOsBoot> boots = os == null ? List.of() : os.getBoots();
        if (boots.isEmpty()) {
            return;
        }
        int cd = 0;
        int floppy = 0;
        int disk = 0;
        int net = 0;
        for (int i = 0; i < boots.size(); i++) {
            if (boots.get(i).getDev() == null) {
                continue;
            }
            switch (boots.get(i).getDev()) {
                case CDROM -> cd = i + 1;
                case FD -> floppy = i + 1;
                case HD -> disk = i + 1;
                case NETWORK -> net = i + 1;
            }
        }
        for (DomainDisk d : devices.getDisks()) {
            if (d.getDevice() == null) {
                continue;
            }
            switch (d.getDevice()) {
                case CDROM -> {
                    p.setBootIndex(d, cd);
                    cd = 0;
                }
                case DISK, LUN -> {
                    p.setBootIndex(d, disk);
                    disk = 0;
                }
                case FLOPPY -> {
                    p.setBootIndex(d, floppy);
                    floppy = 0;
                }
            }
        }
        if (!devices.getInterfaces().isEmpty() && net > 0) {
            p.setBootIndex(devices.getInterfaces().get(0), net);
        }
    }
}

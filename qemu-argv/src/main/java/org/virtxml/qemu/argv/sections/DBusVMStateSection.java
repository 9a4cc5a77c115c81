package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The {@code dbus-vmstate} object (libvirt's qemuBuildDBusVMStateCommandLine). libvirt adds it only when a helper
 * process registered D-Bus state to migrate (an external slirp helper); domxml-to-native starts no helper, so the
 * object never appears in what it prints.
 */
public final class DBusVMStateSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // no helper process registers D-Bus state in a pretend start: nothing to add
    }
}

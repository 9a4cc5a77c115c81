package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainTpm;
import org.virtxml.model.devices.DomainTpmBackend;
import org.virtxml.model.devices.DomainTpmModel;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * TPMs (libvirt's qemuBuildTPMsCommandLine): for the swtpm emulator a chardev {@code chrtpm} (a pretend start does
 * not run swtpm, so the chardev is {@code null}), for an external emulator a client socket, for passthrough the
 * host device's descriptors (it must exist on the host); then {@code -tpmdev} and the {@code tpm-tis} /
 * {@code tpm-crb} device. The sPAPR proxy is a device naming the host path.
 */
public final class TpmSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainTpm tpm : ctx.domain().getDevices().getTpms()) {
            String alias = ctx.prepared().alias(tpm);
            DomainTpmBackend backend = tpm.getBackend();
            if (tpm.getModel() == DomainTpmModel.SPAPR_TPM_PROXY) {
                ctx.device(Props.of("driver", tpm.getModel().xml()).str("id", alias).str("host-path",
                        backend.getDevice() == null ? null : backend.getDevice().getPath()));
                continue;
            }
            KeyValue tpmdev = switch (backend.getType()) {
                case PASSTHROUGH -> {
                    String path = backend.getDevice() == null || backend.getDevice().getPath() == null ? "/dev/tpm0"
                            : backend.getDevice().getPath();
                    if (!ctx.caps().host().pathExists(path)) {
                        throw new ArgvException("Could not open TPM device " + path
                                + ": No such file or directory", tpm);
                    }
                    // libvirt passes the opened device and its sysfs cancel file as descriptor sets
                    yield KeyValue.of("passthrough").add("id", "tpm-" + alias).add("path", "/dev/fdset/0")
                            .add("cancel-path", "/dev/fdset/1");
                }
                case EMULATOR -> {
                    ctx.chardev(KeyValue.of("null").add("id", "chrtpm"));
                    yield KeyValue.of("emulator").add("id", "tpm-" + alias).add("chardev", "chrtpm");
                }
                case EXTERNAL -> {
                    String path = backend.getSource() == null ? null : backend.getSource().getPath();
                    ctx.chardev(KeyValue.of("socket").add("id", "chrtpm").add("path", path));
                    yield KeyValue.of("emulator").add("id", "tpm-" + alias).add("chardev", "chrtpm");
                }
            };
            ctx.add("-tpmdev", tpmdev);
            String model = tpm.getModel() == null ? "tpm-tis" : tpm.getModel().xml();
            if (model.equals("tpm-tis") && !ctx.prepared().isX86()) {
                model = "tpm-tis-device";
            }
            Props p = Props.of("driver", model).str("tpmdev", "tpm-" + alias).str("id", alias);
            ctx.deviceProps().address(p, tpm);
            ctx.device(p);
        }
    }
}

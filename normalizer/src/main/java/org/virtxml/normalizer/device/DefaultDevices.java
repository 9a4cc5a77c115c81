package org.virtxml.normalizer.device;

import org.virtxml.caps.HostFacts;
import org.virtxml.model.devices.DomainAudio;
import org.virtxml.model.devices.DomainAudioType;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainGraphicsDbus;
import org.virtxml.model.devices.DomainGraphicsDesktop;
import org.virtxml.model.devices.DomainGraphicsEglHeadless;
import org.virtxml.model.devices.DomainGraphicsRdp;
import org.virtxml.model.devices.DomainGraphicsSdl;
import org.virtxml.model.devices.DomainGraphicsSpice;
import org.virtxml.model.devices.DomainGraphicsVnc;
import org.virtxml.model.devices.DomainInput;
import org.virtxml.model.devices.DomainInputBus;
import org.virtxml.model.devices.DomainInputType;
import org.virtxml.model.devices.DomainMemballoon;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * The devices the QEMU driver adds to every guest of a machine (the device part of libvirt's
 * qemuDomainDefAddDefaultDevices; the controllers it adds belong to the controller stage): PS/2 mouse and keyboard
 * on x86, a virtio memory balloon, and one audio backend chosen from the graphics and qemu.conf.
 */
public final class DefaultDevices implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        GuestPlatform p = GuestPlatform.of(ctx);
        DomainDevices devs = Devices.of(ctx.domain());
        if (p.isX86()) {
            // the i8042 controller of every PC provides these, so libvirt lists them whether asked or not
            maybeAddInput(devs, DomainInputType.MOUSE, DomainInputBus.PS2);
            maybeAddInput(devs, DomainInputType.KEYBOARD, DomainInputBus.PS2);
        }
        // x86 machines (isapc included) always get a balloon unless the user chose one, 'none' included
        if (p.isX86() && devs.getMemballoon() == null) {
            DomainMemballoon b = new DomainMemballoon();
            b.setModel("virtio");
            devs.setMemballoon(b);
        }
        addDefaultAudio(devs, ctx.caps().host().qemuConf());
    }

    /** An audio backend by QEMU's name for it (QEMU_AUDIO_DRV spells PulseAudio 'pa' and files 'wav'). */
    private static DomainAudioType fromQemuName(String name) {
        return switch (name) {
            case "pa" -> DomainAudioType.PULSEAUDIO;
            case "wav" -> DomainAudioType.FILE;
            case "pulseaudio", "file" -> null;
            default -> DomainAudioType.fromXml(name);
        };
    }

    /** Adds an input device of {@code type} on {@code bus} unless one exists (virDomainDefMaybeAddInput). */
    static void maybeAddInput(DomainDevices devs, DomainInputType type, DomainInputBus bus) {
        for (DomainInput i : devs.getInputs()) {
            if (i.getType() == type && i.getBus() == bus) {
                return;
            }
        }
        DomainInput i = new DomainInput();
        i.setType(type);
        i.setBus(bus);
        devs.getInputs().add(i);
    }

    /**
     * A guest without {@code <audio>} gets backend id 1: {@code spice} with SPICE graphics, {@code none} with VNC
     * or no graphics (unless qemu.conf lets them use the host's audio), and the host's backend from libvirtd's
     * environment for SDL; without such an environment setting nothing is added.
     */
    private static void addDefaultAudio(DomainDevices devs, HostFacts.QemuConf conf) {
        if (!devs.getAudios().isEmpty()) {
            return;
        }
        boolean add = false;
        boolean passthrough = false;
        DomainAudioType backend = DomainAudioType.NONE;
        for (DomainGraphics g : devs.getGraphics()) {
            if (g instanceof DomainGraphicsVnc) {
                passthrough = conf.vncAllowHostAudio();
                if (!passthrough) {
                    backend = DomainAudioType.NONE;
                }
                add = true;
            } else if (g instanceof DomainGraphicsSpice) {
                passthrough = false;
                backend = DomainAudioType.SPICE;
                add = true;
            } else if (g instanceof DomainGraphicsSdl) {
                passthrough = true;
                add = true;
            } else if (g instanceof DomainGraphicsRdp || g instanceof DomainGraphicsDesktop
                    || g instanceof DomainGraphicsEglHeadless || g instanceof DomainGraphicsDbus) {
                // these displays carry no sound of their own and do not change the choice
                continue;
            }
        }
        if (devs.getGraphics().isEmpty()) {
            passthrough = conf.nogfxAllowHostAudio();
            add = true;
        }
        if (add && passthrough) {
            if (conf.qemuAudioDrv() == null) {
                add = false;
            } else {
                backend = fromQemuName(conf.qemuAudioDrv());
                if (backend == null) {
                    throw new NormalizeException("unsupported configuration: unknown QEMU_AUDIO_DRV setting "
                            + conf.qemuAudioDrv());
                }
            }
        }
        if (add) {
            DomainAudio a = new DomainAudio();
            a.setId(1);
            a.setType(backend);
            devs.getAudios().add(a);
        }
    }
}

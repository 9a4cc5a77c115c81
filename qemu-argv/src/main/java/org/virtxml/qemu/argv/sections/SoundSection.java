package org.virtxml.qemu.argv.sections;

import java.util.List;
import org.virtxml.model.devices.DomainSound;
import org.virtxml.model.devices.DomainSoundCodec;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.AudioIds;

/**
 * The part of the command line libvirt builds in {@code qemuBuildSoundCommandLine}: sound devices and their HDA
 * codecs. The PC speaker is the one model without {@code -device} ({@code -soundhw pcspk}); HDA controllers
 * (ich6, ich9) get their codecs as separate devices on {@code ALIAS.0}, a duplex codec when none is given, and it
 * is the codecs, not the controller, that name the audio backend.
 */
public final class SoundSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainSound sound : ctx.domain().getDevices().getSounds()) {
            if (sound.getModel() == org.virtxml.model.devices.DomainSoundModel.PCSPK) {
                ctx.add("-soundhw", "pcspk");
                continue;
            }
            String alias = ctx.prepared().alias(sound);
            boolean hda = hasCodecs(sound);
            Props p = Props.of("driver", driver(sound)).str("id", alias);
            if (!hda) {
                p.str("audiodev", AudioIds.forDevice(ctx.domain(), sound.getAudio()));
            }
            ctx.deviceProps().address(p, sound);
            ctx.device(p);
            if (hda) {
                List<DomainSoundCodec> codecs = sound.getCodecs();
                if (codecs.isEmpty()) {
                    codec(ctx, sound, alias, "duplex", 0);
                }
                for (int cad = 0; cad < codecs.size(); cad++) {
                    codec(ctx, sound, alias, codecs.get(cad).getType(), cad);
                }
            }
        }
    }

    private static void codec(BuildContext ctx, DomainSound sound, String alias, String type, int cad) {
        ctx.device(Props.of("driver", "hda-" + type).str("id", alias + "-codec" + cad).str("bus", alias + ".0")
                .num("cad", cad).str("audiodev", AudioIds.forDevice(ctx.domain(), sound.getAudio())));
    }

    /** Only the Intel HDA controllers take codecs (virDomainSoundModelSupportsCodecs). */
    private static boolean hasCodecs(DomainSound sound) {
        return switch (sound.getModel()) {
            case ICH6, ICH9 -> true;
            case SB16, ES1370, PCSPK, AC97, USB, ICH7 -> false;
        };
    }

    private static String driver(DomainSound sound) {
        return switch (sound.getModel()) {
            case ES1370 -> "ES1370";
            case AC97 -> "AC97";
            case ICH6 -> "intel-hda";
            case USB -> "usb-audio";
            case ICH9 -> "ich9-intel-hda";
            case SB16 -> "sb16";
            // QEMU has no ich7 device; libvirt's validation says so before the command line is built
            case ICH7, PCSPK -> throw new ArgvException("internal error: sound card model '"
                    + sound.getModel().xml() + "' is not supported by qemu");
        };
    }
}

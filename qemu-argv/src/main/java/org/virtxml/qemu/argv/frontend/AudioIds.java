package org.virtxml.qemu.argv.frontend;

import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainAudio;
import org.virtxml.model.devices.DomainGraphicsAudio;
import org.virtxml.qemu.argv.ArgvException;

/**
 * How sound devices and displays name the {@code -audiodev} they use: {@code audioN} after the {@code <audio id>}
 * they point at, or the first backend when they name none (libvirt's virDomainDefFindAudioByID).
 */
public final class AudioIds {

    private AudioIds() {
    }

    /** The QEMU id of an audio backend: {@code audio} + its XML id. */
    public static String alias(DomainAudio audio) {
        return "audio" + (audio.getId() == null ? 0 : audio.getId());
    }

    /**
     * The QEMU id of the backend a device uses ({@code <audio id>} child, or null for the default), refusing as
     * libvirt does when there is no such backend.
     */
    public static String forDevice(Domain domain, DomainGraphicsAudio ref) {
        int id = ref == null || ref.getId() == null ? 0 : ref.getId();
        List<DomainAudio> audios = domain.getDevices().getAudios();
        DomainAudio found = null;
        if (id != 0) {
            for (DomainAudio a : audios) {
                if (a.getId() != null && a.getId() == id) {
                    found = a;
                    break;
                }
            }
        } else if (!audios.isEmpty()) {
            found = audios.get(0);
        }
        if (found == null) {
            throw new ArgvException("internal error: unable to find audio backend for sound device");
        }
        return alias(found);
    }
}

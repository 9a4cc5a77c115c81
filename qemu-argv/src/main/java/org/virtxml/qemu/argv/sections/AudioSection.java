package org.virtxml.qemu.argv.sections;

import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainAudio;
import org.virtxml.model.devices.DomainAudioStream;
import org.virtxml.model.devices.DomainAudioStreamSettings;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.AudioIds;

/**
 * The part of the command line libvirt builds in {@code qemuBuildAudioCommandLine}: one {@code -audiodev} per
 * {@code <audio>} backend, in JSON whatever the QEMU: {@code id} ({@code audioN} after the XML id), QEMU's driver
 * name, the backend's own settings and the {@code in}/{@code out} stream objects (left out when empty).
 */
public final class AudioSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainAudio audio : ctx.domain().getDevices().getAudios()) {
            ctx.audiodev(props(ctx, audio));
        }
    }

    private static Props props(BuildContext ctx, DomainAudio a) {
        Props p = new Props().str("id", AudioIds.alias(a)).str("driver", driver(a))
                .positive("timer-period", a.getTimerPeriod());
        Props in = common(a.getInput());
        Props out = common(a.getOutput());
        switch (a.getType()) {
            case NONE, SPICE, DBUS -> {
                // no settings of their own
            }
            case ALSA -> {
                in.str("dev", dev(a.getInput()));
                out.str("dev", dev(a.getOutput()));
            }
            case COREAUDIO, SDL -> {
                in.positive("buffer-count", bufferCount(a.getInput()));
                out.positive("buffer-count", bufferCount(a.getOutput()));
                if (a.getType() == org.virtxml.model.devices.DomainAudioType.SDL && a.getDriver() != null) {
                    // SDL picks its own output driver from the environment; libvirt's names are SDL 2.0's
                    ctx.cmd().env("SDL_AUDIODRIVER", a.getDriver());
                }
            }
            case JACK -> {
                jack(in, a.getInput());
                jack(out, a.getOutput());
            }
            case OSS -> {
                oss(in, a.getInput());
                oss(out, a.getOutput());
                p.bool("try-mmap", DeviceProps.yesNo(a.getTryMMap()));
                p.bool("exclusive", DeviceProps.yesNo(a.getExclusive()));
                p.num("dsp-policy", a.getDspPolicy());
            }
            case PULSEAUDIO -> {
                pulse(in, a.getInput());
                pulse(out, a.getOutput());
                p.str("server", a.getServerName());
            }
            case FILE -> p.str("path", a.getPath());
        }
        if (!in.members().isEmpty()) {
            p.value("in", in);
        }
        if (!out.members().isEmpty()) {
            p.value("out", out);
        }
        return p;
    }

    /** QEMU's name of the backend (libvirt's qemuAudioDriver table: pulseaudio is {@code pa}, file {@code wav}). */
    private static String driver(DomainAudio a) {
        return switch (a.getType()) {
            case NONE -> "none";
            case ALSA -> "alsa";
            case COREAUDIO -> "coreaudio";
            case JACK -> "jack";
            case OSS -> "oss";
            case PULSEAUDIO -> "pa";
            case SDL -> "sdl";
            case SPICE -> "spice";
            case FILE -> "wav";
            case DBUS -> "dbus";
        };
    }

    /**
     * The settings every backend's streams share. Frequency, channels and format only mean something with fixed
     * settings, so libvirt writes them only then.
     */
    private static Props common(DomainAudioStream s) {
        Props p = new Props();
        if (s == null) {
            return p;
        }
        boolean fixed = s.getFixedSettings() == YesNo.YES;
        DomainAudioStreamSettings set = fixed ? s.getSettings() : null;
        p.bool("mixing-engine", DeviceProps.yesNo(s.getMixingEngine()));
        p.bool("fixed-settings", DeviceProps.yesNo(s.getFixedSettings()));
        p.positive("voices", s.getVoices());
        p.positive("buffer-length", s.getBufferLength());
        if (set != null) {
            p.positive("frequency", set.getFrequency());
            p.positive("channels", set.getChannels());
            if (set.getFormat() != null && !"default".equals(set.getFormat())) {
                p.str("format", set.getFormat());
            }
        }
        return p;
    }

    private static String dev(DomainAudioStream s) {
        return s == null ? null : s.getDev();
    }

    private static Integer bufferCount(DomainAudioStream s) {
        return s == null ? null : s.getBufferCount();
    }

    private static void jack(Props p, DomainAudioStream s) {
        if (s == null) {
            return;
        }
        p.str("server-name", s.getServerName());
        p.str("client-name", s.getClientName());
        p.str("connect-ports", s.getConnectPorts());
        p.bool("exact-name", DeviceProps.yesNo(s.getExactName()));
    }

    private static void oss(Props p, DomainAudioStream s) {
        if (s == null) {
            return;
        }
        p.str("dev", s.getDev());
        p.positive("buffer-count", s.getBufferCount());
        p.bool("try-poll", DeviceProps.yesNo(s.getTryPoll()));
    }

    private static void pulse(Props p, DomainAudioStream s) {
        if (s == null) {
            return;
        }
        p.str("name", s.getName());
        p.str("stream-name", s.getStreamName());
        p.positive("latency", s.getLatency());
    }
}

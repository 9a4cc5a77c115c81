package org.virtxml.qemu.argv.sections;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.DomainClock;
import org.virtxml.model.DomainClockTimer;
import org.virtxml.model.DomainClockTimerName;
import org.virtxml.model.YesNo;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The guest clock (libvirt's qemuBuildClockCommandLine): {@code -rtc base=utc|localtime|TIME} with the RTC timer's
 * {@code clock=} and {@code driftfix=slew}, {@code TZ} in the environment for a timezone offset, the PIT's lost
 * tick policy, and {@code -no-hpet} where QEMU still takes it.
 */
public final class ClockSection implements Section {
    private static final DateTimeFormatter BASE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    @Override
    public void build(BuildContext ctx) {
        DomainClock clock = ctx.domain().getClock();
        ctx.add("-rtc", rtc(clock));
        if (clock != null && clock.getOffset() != null && clock.getOffset().xml().equals("timezone")
                && clock.getTimezone() != null) {
            ctx.cmd().env("TZ", clock.getTimezone());
        }
        if (clock == null) {
            return;
        }
        for (DomainClockTimer t : clock.getTimers()) {
            if (t.getName() == DomainClockTimerName.PLATFORM) {
                throw unknown();
            } else if (t.getName() == DomainClockTimerName.PIT) {
                String policy = t.getTickpolicy() == null ? "delay" : t.getTickpolicy().xml();
                switch (policy) {
                    case "delay" -> {
                        // delay is QEMU's default only without the in-kernel PIT, whose default is catchup
                        if (ctx.has(QemuCapability.KVM_PIT_TICK_POLICY)) {
                            ctx.add("-global", "kvm-pit.lost_tick_policy=delay");
                        }
                    }
                    case "discard" -> {
                        if (ctx.has(QemuCapability.KVM_PIT_TICK_POLICY)) {
                            ctx.add("-global", "kvm-pit.lost_tick_policy=discard");
                        }
                    }
                    case "merge" -> throw unknown();
                    default -> {
                        // catchup is refused by validation when QEMU cannot do it
                    }
                }
            } else if (t.getName() == DomainClockTimerName.HPET) {
                if (ctx.has(QemuCapability.NO_HPET) && t.getPresent() == YesNo.NO) {
                    ctx.add("-no-hpet");
                }
            }
        }
    }

    private static String rtc(DomainClock clock) {
        StringBuilder b = new StringBuilder();
        String offset = clock == null || clock.getOffset() == null ? "utc" : clock.getOffset().xml();
        switch (offset) {
            case "localtime", "timezone" -> b.append("base=localtime");
            case "variable" -> {
                long adjustment = clock.getAdjustment() == null ? 0 : Long.parseLong(clock.getAdjustment());
                LocalDateTime then = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(adjustment);
                if (clock.getBasis() != null && clock.getBasis().xml().equals("localtime")) {
                    // libvirt folds the host's current UTC offset into the adjustment
                    then = then.plusSeconds(ZoneId.systemDefault().getRules().getOffset(Instant.now())
                            .getTotalSeconds());
                }
                b.append("base=").append(BASE.format(then));
            }
            case "absolute" -> b.append("base=").append(BASE.format(LocalDateTime.ofEpochSecond(
                    clock.getStart() == null ? 0 : clock.getStart(), 0, ZoneOffset.UTC)));
            default -> b.append("base=utc");
        }
        if (clock != null) {
            for (DomainClockTimer t : clock.getTimers()) {
                if (t.getName() != DomainClockTimerName.RTC) {
                    continue;
                }
                if (t.getTrack() != null) {
                    switch (t.getTrack().xml()) {
                        case "guest" -> b.append(",clock=vm");
                        case "wall" -> b.append(",clock=host");
                        case "realtime" -> b.append(",clock=rt");
                        default -> throw unknown();
                    }
                }
                if (t.getTickpolicy() != null) {
                    switch (t.getTickpolicy().xml()) {
                        case "catchup" -> b.append(",driftfix=slew");
                        case "merge", "discard" -> throw unknown();
                        default -> {
                            // delay is QEMU's default
                        }
                    }
                }
                break;
            }
        }
        return b.toString();
    }

    /** libvirt fails here without reporting why (validation normally refuses these configurations first). */
    private static ArgvException unknown() {
        return new ArgvException("An error occurred, but the cause is unknown");
    }
}

package org.virtxml.qemu.run;

/**
 * A domain's state, spelled as {@code virsh list} and {@code virsh domstate} print it (libvirt's
 * virDomainState with virsh's names).
 */
public enum DomainState {
    /** {@code no state}: the state could not be determined. */
    NOSTATE("no state"),
    /** {@code running}. */
    RUNNING("running"),
    /** {@code paused}: vCPUs stopped (by the user, an I/O error, a watchdog, ...). */
    PAUSED("paused"),
    /** {@code in shutdown}: the guest powered off and the action for it is being carried out. */
    SHUTDOWN("in shutdown"),
    /** {@code shut off}: no QEMU process. */
    SHUTOFF("shut off"),
    /** {@code crashed}: the guest panicked and {@code on_crash} is {@code preserve}. */
    CRASHED("crashed"),
    /** {@code pmsuspended}: the guest suspended itself to RAM (S3). */
    PMSUSPENDED("pmsuspended");

    private final String text;

    DomainState(String text) {
        this.text = text;
    }

    /** The text virsh prints. */
    public String text() {
        return text;
    }

    /** The state virsh prints as {@code text}, or null. */
    public static DomainState fromText(String text) {
        for (DomainState s : values()) {
            if (s.text.equals(text)) {
                return s;
            }
        }
        return null;
    }

    /** Whether a QEMU process exists in this state (libvirt's virDomainObjIsActive). */
    public boolean active() {
        return this != SHUTOFF && this != NOSTATE;
    }

    /**
     * The state and reason for a QEMU run state ({@code query-status}'s {@code status}), following libvirt's
     * qemuMonitorVMStatusToPausedReason; {@code running} keeps {@code runningReason}.
     */
    public static StateReason fromQemuStatus(String status, String runningReason) {
        if (status == null) {
            return new StateReason(NOSTATE, "unknown");
        }
        return switch (status) {
            case "running" -> new StateReason(RUNNING, runningReason == null ? "unknown" : runningReason);
            case "paused", "prelaunch" -> new StateReason(PAUSED, "user");
            case "io-error" -> new StateReason(PAUSED, "I/O error");
            case "watchdog" -> new StateReason(PAUSED, "watchdog");
            case "shutdown" -> new StateReason(PAUSED, "shutting down");
            case "guest-panicked" -> new StateReason(CRASHED, "panicked");
            case "inmigrate", "postmigrate", "finish-migrate" -> new StateReason(PAUSED, "migrating");
            case "save-vm" -> new StateReason(PAUSED, "saving");
            case "suspended" -> new StateReason(PMSUSPENDED, "unknown");
            default -> new StateReason(PAUSED, "unknown");
        };
    }

    /**
     * A state with its reason as {@code virsh domstate --reason} prints it ({@code running (booted)}).
     *
     * @param state  the state
     * @param reason virsh's reason text ({@code booted}, {@code user}, {@code destroyed}, ...)
     */
    public record StateReason(DomainState state, String reason) {
        /** {@code state (reason)}. */
        public String describe() {
            return state.text() + " (" + reason + ")";
        }
    }
}

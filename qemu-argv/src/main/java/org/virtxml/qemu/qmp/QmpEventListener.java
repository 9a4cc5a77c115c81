package org.virtxml.qemu.qmp;

/**
 * Receives QMP events. Listeners run one at a time on the client's event thread, in arrival order; they must not
 * block for long and may call {@link QmpClient#execute} (the reply is read by another thread).
 */
@FunctionalInterface
public interface QmpEventListener {

    /** One event arrived. */
    void onEvent(QmpEvent event);

    /** The connection ended; {@code reason} says why. Called once, after the last event. */
    default void onClose(QmpException reason) {
    }
}

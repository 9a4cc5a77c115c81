/**
 * Running domains under QEMU without libvirtd.
 *
 * <h2>Design</h2>
 * <ul>
 * <li><b>No daemon, one supervisor per running domain.</b> {@code virtxml start} ({@link
 * org.virtxml.qemu.run.Launcher}) prepares the domain's runtime directory and spawns a small detached JVM, the
 * {@link org.virtxml.qemu.run.Supervisor}, which is QEMU's parent and holds its QMP monitor for the domain's whole
 * life: it sends {@code cont}, turns events into the recorded state, carries out {@code on_poweroff},
 * {@code on_reboot} and {@code on_crash} the way libvirt does (QEMU runs with libvirt's {@code -no-shutdown};
 * {@code set-action reboot=shutdown} for {@code on_reboot=destroy}), and cleans up when QEMU exits. A supervisor
 * (about 45 MB of memory) was chosen over relying on QEMU flags alone because only a process holding the monitor
 * sees the events (a guest power-off with {@code on_poweroff=restart}, a panic, STOP on an I/O error), can record
 * why a domain stopped, and can delete its tap devices.</li>
 * <li><b>Commands talk to QEMU directly.</b> QEMU gets a second monitor ({@code control.sock}) for the other
 * commands, so suspend, resume, shutdown, destroy and state queries do not depend on the supervisor; a monitor
 * serves one client at a time, so a command waits at most {@link
 * org.virtxml.qemu.run.DomainRuntime#MONITOR_TIMEOUT} for it.</li>
 * <li><b>State lives in files, and is checked.</b> {@code NAME.status} ({@link org.virtxml.qemu.run.DomainStatus},
 * written atomically) names QEMU's and the supervisor's processes by pid <em>and</em> start time ({@link
 * org.virtxml.qemu.run.ProcessInfo}), so a stale pid is never mistaken for a live one. {@link
 * org.virtxml.qemu.run.DomainRuntime} works out every answer again: QEMU and supervisor gone: clean up and mark
 * the domain shut off (with a warning); supervisor gone, QEMU alive: act for it (including a guest power-off
 * nobody handled yet); monitor silent: report it and show the recorded state. Every wait is bounded.</li>
 * <li><b>libvirt's plumbing, made runnable.</b> The command line is the argv backend's
 * ({@link org.virtxml.qemu.argv.QemuArgv#build(org.virtxml.model.Domain, org.virtxml.qemu.argv.RuntimePaths)})
 * with this run's directory; file descriptors libvirt would pass become things QEMU opens itself
 * ({@link org.virtxml.qemu.run.NetPlumbing}: taps by name on a bridge when root, or user networking with
 * {@code --user-net}); consoles are the ptys QEMU reports ({@code query-chardev}).</li>
 * </ul>
 * The layout of the runtime directory is described in {@link org.virtxml.qemu.run.RuntimeLayout}.
 */
package org.virtxml.qemu.run;

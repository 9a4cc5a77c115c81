/**
 * Persistent domain configs without libvirtd: {@link org.virtxml.qemu.store.DomainStore} keeps one normalized
 * {@code NAME.xml} per domain in a directory, as libvirt keeps {@code /etc/libvirt/qemu}, with libvirt's header
 * comment, unique names and UUIDs, and crash-safe replacement of files ({@link org.virtxml.qemu.store.AtomicFiles}).
 */
package org.virtxml.qemu.store;

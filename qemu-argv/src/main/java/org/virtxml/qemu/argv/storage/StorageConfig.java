package org.virtxml.qemu.argv.storage;

import org.virtxml.caps.HostFacts;

/**
 * The qemu.conf settings that change storage on the command line, with libvirt's defaults for unset ones
 * ({@code virQEMUDriverConfigNew} and its TLS inheritance: a protocol's certificate directory and key secret
 * default to the {@code default_tls_x509_*} ones).
 */
final class StorageConfig {
    /** libvirt's built-in TLS certificate directory ({@code SYSCONFDIR/pki/qemu}). */
    private static final String DEFAULT_TLS_DIR = "/etc/pki/qemu";
    /** libvirt's default {@code gluster_debug_level}. */
    private static final int DEFAULT_GLUSTER_DEBUG = 4;

    private final HostFacts.QemuConf conf;

    StorageConfig(HostFacts host) {
        this.conf = host.qemuConf();
    }

    /** {@code nbd_tls} / {@code vxhs_tls}: TLS for disks of that protocol that do not say. */
    boolean tls(String protocol) {
        String v = conf.setting(protocol + "_tls");
        return v != null && !v.strip().equals("0");
    }

    /** {@code PROTOCOL_tls_x509_cert_dir}, else {@code default_tls_x509_cert_dir}, else /etc/pki/qemu. */
    String tlsCertDir(String protocol) {
        String v = conf.setting(protocol + "_tls_x509_cert_dir");
        if (v == null) {
            v = conf.setting("default_tls_x509_cert_dir");
        }
        return v == null ? DEFAULT_TLS_DIR : v;
    }

    /** {@code PROTOCOL_tls_x509_secret_uuid}, else {@code default_tls_x509_secret_uuid}, else null. */
    String tlsSecretUuid(String protocol) {
        String v = conf.setting(protocol + "_tls_x509_secret_uuid");
        return v == null ? conf.setting("default_tls_x509_secret_uuid") : v;
    }

    /** {@code gluster_debug_level} (default 4). */
    int glusterDebugLevel() {
        String v = conf.setting("gluster_debug_level");
        return v == null ? DEFAULT_GLUSTER_DEBUG : Integer.parseInt(v.strip());
    }
}

package org.virtxml.qemu.argv.storage;

import org.virtxml.caps.HostFacts;

/**
 * The qemu.conf settings that change storage on the command line, with libvirt's defaults for unset ones
 * ({@code virQEMUDriverConfigNew} and virQEMUDriverConfigSetDefaults: a protocol's certificate directory is its
 * own setting, else /etc/pki/libvirt-PROTOCOL when the host has it, else {@code default_tls_x509_cert_dir}; its
 * key secret defaults to {@code default_tls_x509_secret_uuid} unless its certificate directory is set).
 */
final class StorageConfig {
    /** libvirt's built-in TLS certificate directory ({@code SYSCONFDIR/pki/qemu}). */
    private static final String DEFAULT_TLS_DIR = "/etc/pki/qemu";
    /** libvirt's default {@code gluster_debug_level}. */
    private static final int DEFAULT_GLUSTER_DEBUG = 4;

    private final HostFacts host;
    private final HostFacts.QemuConf conf;

    StorageConfig(HostFacts host) {
        this.host = host;
        this.conf = host.qemuConf();
    }

    /** {@code nbd_tls} / {@code vxhs_tls}: TLS for disks of that protocol that do not say. */
    boolean tls(String protocol) {
        String v = conf.setting(protocol + "_tls");
        return v != null && !v.strip().equals("0");
    }

    /**
     * {@code PROTOCOL_tls_x509_cert_dir}, else /etc/pki/libvirt-PROTOCOL when it exists, else
     * {@code default_tls_x509_cert_dir}, else /etc/pki/qemu.
     */
    String tlsCertDir(String protocol) {
        String v = conf.setting(protocol + "_tls_x509_cert_dir");
        if (v != null) {
            return v;
        }
        String own = "/etc/pki/libvirt-" + protocol;
        if (host.pathExists(own)) {
            return own;
        }
        v = conf.setting("default_tls_x509_cert_dir");
        return v == null ? DEFAULT_TLS_DIR : v;
    }

    /**
     * {@code PROTOCOL_tls_x509_secret_uuid}; else {@code default_tls_x509_secret_uuid} when the protocol's
     * certificate directory is not set; else null.
     */
    String tlsSecretUuid(String protocol) {
        String v = conf.setting(protocol + "_tls_x509_secret_uuid");
        if (v != null || conf.setting(protocol + "_tls_x509_cert_dir") != null) {
            return v;
        }
        return conf.setting("default_tls_x509_secret_uuid");
    }

    /** {@code gluster_debug_level} (default 4). */
    int glusterDebugLevel() {
        String v = conf.setting("gluster_debug_level");
        return v == null ? DEFAULT_GLUSTER_DEBUG : Integer.parseInt(v.strip());
    }
}

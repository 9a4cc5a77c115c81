package org.virtxml.qemu.argv.storage;

import org.virtxml.caps.HostFacts;
import org.virtxml.model.DomainSecretRef;
import org.virtxml.qemu.argv.ArgvException;

/**
 * Secrets as libvirt's {@code qemuDomainSecretInfoSetupFromSecret} fetches them from the secret driver before it
 * encrypts them with the domain's master key into a {@code -object secret} ({@code data}, {@code keyid
 * masterKey0}, {@code iv}, {@code format base64}). The IV and the master key are random for every start, so the
 * only deterministic parts of such an object are its id and its shape; virtxml does not read secret values at all.
 * What it can answer offline is whether the secret exists: the host facts list the secrets defined in libvirt.
 */
public final class Secrets {

    private Secrets() {
    }

    /** libvirt's alias of a secret object: {@code PARENT-USE-secret0}, or {@code PARENT-secret0} without a use. */
    public static String alias(String parentAlias, String use) {
        return use == null ? parentAlias + "-secret0" : parentAlias + "-" + use + "-secret0";
    }

    /**
     * Looks a secret up as libvirt's virSecretGetSecretString does and returns the alias its object would have.
     *
     * @throws ArgvException {@code Secret not found: ...} when the host has no such secret (libvirt's message), or
     *                       virtxml's own refusal when it exists, since its value is not available offline
     */
    public static String require(HostFacts host, DomainSecretRef ref, String parentAlias, String use) {
        String want;
        boolean found;
        if (ref != null && ref.getUuid() != null) {
            want = "uuid '" + ref.getUuid() + "'";
            found = host.secrets().stream().anyMatch(u -> u.equalsIgnoreCase(ref.getUuid()));
        } else {
            // the profile records the UUIDs of the defined secrets only; a usage lookup can match only when the
            // host has secrets at all, and then virtxml cannot tell which one it is
            want = "usage '" + (ref == null || ref.getUsage() == null ? "" : ref.getUsage()) + "'";
            found = !host.secrets().isEmpty();
        }
        if (!found) {
            throw new ArgvException("Secret not found: no secret with matching " + want);
        }
        throw new ArgvException("unsupported configuration: virtxml cannot build secret object '"
                + alias(parentAlias, use) + "' for the secret with " + want + ": secret values are not read offline");
    }
}

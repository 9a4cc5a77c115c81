package org.virtxml.caps;

/**
 * AMD SEV support as {@code query-sev-capabilities} and the host CPU (CPUID 0x8000001F) report it.
 *
 * @param pdh             the platform Diffie-Hellman key (base64)
 * @param certChain       the platform certificate chain (base64)
 * @param cpu0Id          the unique id of CPU 0 (base64), or null
 * @param cbitpos         the C-bit position in page table entries
 * @param reducedPhysBits physical address bits lost to encryption
 * @param maxGuests       SEV guests the host can run at once
 * @param maxEsGuests     SEV-ES guests the host can run at once
 */
public record SevCapability(String pdh, String certChain, String cpu0Id, int cbitpos, int reducedPhysBits,
        int maxGuests, int maxEsGuests) {
}

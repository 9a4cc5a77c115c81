package org.virtxml.normalizer.device;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainCpuNumaCell;
import org.virtxml.model.DomainMemoryAccess;
import org.virtxml.model.Located;
import org.virtxml.normalizer.NormalizeException;

/**
 * vhost-user back ends (virtiofsd, vhost-user-blk) map the guest's memory, so it must be shared
 * (qemuValidateDomainDefVhostUserRequireSharedMemory): without NUMA cells through {@code <memoryBacking><access
 * mode='shared'/>} on a machine whose RAM is a named memory backend, with cells in every cell.
 */
final class SharedMemory {
    private SharedMemory() {
    }

    static void require(Domain d, GuestPlatform p, String what, Located where) {
        DomainMemoryAccess access = d.getMemoryBacking() == null || d.getMemoryBacking().getAccess() == null ? null
                : d.getMemoryBacking().getAccess().getMode();
        var cells = d.getCpu() == null || d.getCpu().getNuma() == null ? java.util.List.<DomainCpuNumaCell>of()
                : d.getCpu().getNuma().getCells();
        String ramId = p.caps().machine(p.virtType(), p.machine()).map(m -> m.defaultRamId()).orElse(null);
        if (cells.isEmpty() && !(ramId != null && access == DomainMemoryAccess.SHARED)) {
            throw new NormalizeException("unsupported configuration: '" + what + "' requires shared memory", where);
        }
        for (DomainCpuNumaCell c : cells) {
            DomainMemoryAccess a = c.getMemAccess();
            if ((a == null && access != DomainMemoryAccess.SHARED) || a == DomainMemoryAccess.PRIVATE) {
                throw new NormalizeException("unsupported configuration: '" + what + "' requires shared memory",
                        where);
            }
        }
    }
}

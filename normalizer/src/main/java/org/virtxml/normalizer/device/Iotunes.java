package org.virtxml.normalizer.device;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.virtxml.model.devices.DomainDiskIotune;

/** The throttling limits of a disk's {@code <iotune>}, as libvirt's virDomainBlockIoTuneInfo* helpers see them. */
final class Iotunes {
    private record Field(Function<DomainDiskIotune, Long> get, BiConsumer<DomainDiskIotune, Long> set) {
    }

    /** The limits that count as "set" (size_iops_sec alone does not). */
    private static final List<Field> LIMITS = List.of(
            new Field(DomainDiskIotune::getTotalBytesSec, DomainDiskIotune::setTotalBytesSec),
            new Field(DomainDiskIotune::getReadBytesSec, DomainDiskIotune::setReadBytesSec),
            new Field(DomainDiskIotune::getWriteBytesSec, DomainDiskIotune::setWriteBytesSec),
            new Field(DomainDiskIotune::getTotalIopsSec, DomainDiskIotune::setTotalIopsSec),
            new Field(DomainDiskIotune::getReadIopsSec, DomainDiskIotune::setReadIopsSec),
            new Field(DomainDiskIotune::getWriteIopsSec, DomainDiskIotune::setWriteIopsSec),
            new Field(DomainDiskIotune::getTotalBytesSecMax, DomainDiskIotune::setTotalBytesSecMax),
            new Field(DomainDiskIotune::getReadBytesSecMax, DomainDiskIotune::setReadBytesSecMax),
            new Field(DomainDiskIotune::getWriteBytesSecMax, DomainDiskIotune::setWriteBytesSecMax),
            new Field(DomainDiskIotune::getTotalIopsSecMax, DomainDiskIotune::setTotalIopsSecMax),
            new Field(DomainDiskIotune::getReadIopsSecMax, DomainDiskIotune::setReadIopsSecMax),
            new Field(DomainDiskIotune::getWriteIopsSecMax, DomainDiskIotune::setWriteIopsSecMax),
            new Field(DomainDiskIotune::getTotalBytesSecMaxLength, DomainDiskIotune::setTotalBytesSecMaxLength),
            new Field(DomainDiskIotune::getReadBytesSecMaxLength, DomainDiskIotune::setReadBytesSecMaxLength),
            new Field(DomainDiskIotune::getWriteBytesSecMaxLength, DomainDiskIotune::setWriteBytesSecMaxLength),
            new Field(DomainDiskIotune::getTotalIopsSecMaxLength, DomainDiskIotune::setTotalIopsSecMaxLength),
            new Field(DomainDiskIotune::getReadIopsSecMaxLength, DomainDiskIotune::setReadIopsSecMaxLength),
            new Field(DomainDiskIotune::getWriteIopsSecMaxLength, DomainDiskIotune::setWriteIopsSecMaxLength));

    private Iotunes() {
    }

    /** Whether any rate limit is set (a zero limit means none, as libvirt stores it). */
    static boolean hasAny(DomainDiskIotune t) {
        for (Field f : LIMITS) {
            Long v = f.get.apply(t);
            if (v != null && v != 0) {
                return true;
            }
        }
        return false;
    }

    /** A copy of every limit, the size and the group name. */
    static DomainDiskIotune copy(DomainDiskIotune t) {
        DomainDiskIotune c = new DomainDiskIotune();
        for (Field f : LIMITS) {
            f.set.accept(c, f.get.apply(t));
        }
        c.setSizeIopsSec(t.getSizeIopsSec());
        c.setGroupName(t.getGroupName());
        return c;
    }
}

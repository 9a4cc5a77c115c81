package org.virtxml.normalizer.platform;

import java.util.BitSet;
import org.virtxml.model.DomainScaledKiB;
import org.virtxml.model.YesNo;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.model.devices.DomainMemoryDeviceSource;
import org.virtxml.model.devices.DomainMemoryDeviceTarget;
import org.virtxml.normalizer.NormalizeException;

/**
 * Memory modules as libvirt's parser reads them and its generic validation checks them
 * (virDomainMemoryDefParseXML, virDomainMemoryDefValidate). The parser reads only what the model uses (host
 * nodes and page size for DIMM and virtio-mem, a backing path for the persistent-memory models, the label and
 * read-only flag for NVDIMM, block and requested size for virtio-mem, the UUID for NVDIMM), so anything else is
 * not printed back, nor are zero sizes; virtio-mem's current size is runtime state.
 */
final class MemoryDevices {
    /** libvirt's memory device models (virDomainMemoryModel), without its empty "none". */
    private static final java.util.Set<String> MODELS = java.util.Set.of("dimm", "nvdimm", "virtio-pmem",
            "virtio-mem", "sgx-epc");
    /**
     * The size of a transparent huge page, the smallest virtio-mem block: 2 MiB is x86's PMD page size (and
     * libvirt's fallback when the host does not say).
     */
    private static final long THP_KIB = 2048;
    /** The smallest NVDIMM label area libvirt accepts. */
    private static final long MIN_LABEL_KIB = 128;

    private MemoryDevices() {
    }

    /** Parse-time reading of one module. */
    static void parse(DomainMemoryDevice m) {
        // the model is a required enum attribute (virDomainMemoryDefParseXML), read before anything else
        if (m.getModel() == null) {
            throw NormalizeException.xmlError("Missing required attribute 'model' in element 'memory'", m);
        }
        if (!MODELS.contains(m.getModel())) {
            throw NormalizeException.xmlError("Invalid value for attribute 'model' in element 'memory': '"
                    + m.getModel() + "'.", m);
        }
        String model = m.getModel();
        boolean dimmLike = model.equals("dimm") || model.equals("virtio-mem");
        boolean nvdimm = model.equals("nvdimm");
        boolean pathModel = nvdimm || model.equals("virtio-pmem");
        if (!nvdimm) {
            m.setUuid(null);
        }
        DomainMemoryDeviceSource s = m.getSource();
        if (s != null) {
            if (dimmLike || model.equals("sgx-epc")) {
                if (s.getNodemask() != null) {
                    BitSet nodes = CpuSetAdapter.parse(s.getNodemask());
                    if (nodes.isEmpty()) {
                        throw NormalizeException.unsupported("Invalid value of 'nodemask': " + s.getNodemask(), s);
                    }
                    s.setNodemask(CpuSetAdapter.format(nodes));
                }
            } else {
                s.setNodemask(null);
            }
            s.setPagesize(dimmLike ? nonZero(s.getPagesize()) : null);
            if (!pathModel) {
                s.setPath(null);
            }
            s.setAlignsize(nvdimm ? nonZero(s.getAlignsize()) : null);
            if (!nvdimm) {
                s.setPmem(null);
            }
            if (s.getNodemask() == null && s.getPagesize() == null && s.getPath() == null
                    && s.getAlignsize() == null && s.getPmem() == null && s.getOtherElements().isEmpty()) {
                m.setSource(null);
            }
        }
        DomainMemoryDeviceTarget t = m.getTarget();
        if (t == null) {
            throw NormalizeException.xmlError("missing <target> element for <memory> device", m);
        }
        long size = kib(t.getSize());
        if (nvdimm) {
            long label = t.getLabel() == null ? 0 : kib(t.getLabel().getSize());
            if (label != 0 && label < MIN_LABEL_KIB) {
                throw NormalizeException.xmlError("nvdimm label must be at least 128KiB", t.getLabel());
            }
            if (label >= size) {
                throw NormalizeException.xmlError("label size must be smaller than NVDIMM size", t);
            }
            if (label == 0) {
                t.setLabel(null);
            }
        } else {
            t.setLabel(null);
            t.setReadonly(null);
        }
        // the requested size is printed along with a block size, the current size only for a running domain
        t.setCurrent(null);
        long block = model.equals("virtio-mem") ? kib(t.getBlock()) : 0;
        if (block == 0) {
            t.setBlock(null);
            t.setRequested(null);
        } else if (t.getRequested() == null) {
            t.setRequested(kibElement(0));
        }
    }

    /** virDomainMemoryDefValidate: the rules of each model, and a guest NUMA node that exists. */
    static void validate(DomainMemoryDevice m, int numaNodes) {
        DomainMemoryDeviceTarget t = m.getTarget();
        Integer node = t == null ? null : t.getNode();
        if (node != null) {
            if (numaNodes == 0) {
                throw new NormalizeException("can't add memory backend as guest has no NUMA nodes configured", m);
            }
            if (node >= numaNodes) {
                throw new NormalizeException("can't add memory backend for guest node '" + node + "' as the guest"
                        + " has only '" + numaNodes + "' NUMA nodes configured", m);
            }
        }
        String model = m.getModel() == null ? "" : m.getModel();
        String path = m.getSource() == null ? null : m.getSource().getPath();
        switch (model) {
            case "nvdimm" -> {
                if (path == null) {
                    throw new NormalizeException("path is required for model 'nvdimm'", m);
                }
                if (m.getDiscard() == YesNo.YES) {
                    throw NormalizeException.unsupported("discard is not supported for nvdimms", m);
                }
                // only pSeries NVDIMMs carry a UUID (the platform half has x86 profiles only)
                if (m.getUuid() != null) {
                    throw NormalizeException.unsupported("UUID is not supported for NVDIMM device", m);
                }
            }
            case "virtio-pmem" -> {
                if (path == null) {
                    throw new NormalizeException("path is required for model 'virtio-pmem'", m);
                }
                if (m.getDiscard() == YesNo.YES) {
                    throw NormalizeException.unsupported("discard is not supported for model 'virtio-pmem'", m);
                }
                if (!"shared".equals(m.getAccess())) {
                    throw NormalizeException.unsupported("shared access mode required for virtio-pmem device", m);
                }
                if (node != null) {
                    throw NormalizeException.unsupported("virtio-pmem does not support NUMA nodes", m);
                }
            }
            case "virtio-mem" -> {
                long size = kib(t.getSize());
                long requested = kib(t.getRequested());
                long block = kib(t.getBlock());
                if (requested > size) {
                    throw new NormalizeException("requested size must be smaller than or equal to @size ("
                            + size + "KiB)", m);
                }
                if (block == 0 || (block & (block - 1)) != 0) {
                    throw new NormalizeException("block size must be a power of two", m);
                }
                if (block < THP_KIB) {
                    throw new NormalizeException("block size too small, must be at least " + THP_KIB + "KiB", m);
                }
                if (requested % block != 0) {
                    throw new NormalizeException("requested size must be an integer multiple of block size", m);
                }
            }
            case "sgx-epc" -> {
                if (m.getAddress() != null) {
                    throw NormalizeException.unsupported("memory device address is not supported for model"
                            + " 'sgx-epc'", m);
                }
            }
            default -> {
                // dimm has no rules of its own
            }
        }
    }

    /** The module's size in KiB (the parser has scaled it), 0 when it has none. */
    static long size(DomainMemoryDevice m) {
        return m.getTarget() == null ? 0 : kib(m.getTarget().getSize());
    }

    static long kib(DomainScaledKiB s) {
        return s == null || s.getValue() == null ? 0 : s.getValue();
    }

    private static DomainScaledKiB nonZero(DomainScaledKiB s) {
        return kib(s) == 0 ? null : s;
    }

    private static DomainScaledKiB kibElement(long v) {
        DomainScaledKiB s = new DomainScaledKiB();
        s.setValue(v);
        s.setUnit("KiB");
        return s;
    }
}

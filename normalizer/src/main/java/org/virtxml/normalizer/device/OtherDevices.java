package org.virtxml.normalizer.device;

import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainFilesystem;
import org.virtxml.model.devices.DomainFilesystemAccessMode;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.model.devices.DomainPanic;
import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainRngBackendRandom;
import org.virtxml.model.devices.DomainShmem;
import org.virtxml.model.devices.DomainShmemMsi;
import org.virtxml.model.devices.DomainShmemSize;
import org.virtxml.model.devices.DomainTpm;
import org.virtxml.model.devices.DomainTpmBackendType;
import org.virtxml.model.devices.DomainTpmModel;
import org.virtxml.model.devices.DomainVirtioModel;
import org.virtxml.model.devices.DomainVsock;
import org.virtxml.model.devices.DomainVsockCid;
import org.virtxml.normalizer.NormalizeException;

/** Post-parse defaults of the smaller device kinds (RNG, vsock, memory, filesystem, TPM, panic, shmem). */
final class OtherDevices {
    /** The shared memory size of a device that names none: 4 MiB, the size ivshmem always had. */
    private static final long SHMEM_DEFAULT_MIB = 4;

    private OtherDevices() {
    }

    /** A {@code random} backend without a file reads {@code /dev/random}. */
    static void rng(DomainRng rng) {
        if (rng.getBackend() instanceof DomainRngBackendRandom r && (r.getValue() == null || r.getValue().isEmpty())) {
            r.setValue("/dev/random");
        }
    }

    /** virtio is QEMU's only vsock; without a guest CID libvirt picks one automatically. */
    static void vsock(DomainVsock v) {
        if (v.getModel() == null) {
            v.setModel(DomainVirtioModel.VIRTIO);
        }
        DomainVsockCid cid = v.getCid();
        if (cid == null) {
            cid = new DomainVsockCid();
            v.setCid(cid);
        }
        if (cid.getAuto() == null) {
            boolean hasCid = cid.getAddress() != null && cid.getAddress() != 0;
            cid.setAuto(hasCid ? YesNo.NO : YesNo.YES);
        }
    }

    /** virtio-pmem writes must reach the file, so its memory is shared. */
    static void memory(DomainMemoryDevice m) {
        if ("virtio-pmem".equals(m.getModel()) && m.getAccess() == null) {
            m.setAccess("shared");
        }
    }

    /** A filesystem passed through by QEMU (no external daemon socket) keeps the host's file ownership. */
    static void filesystem(DomainFilesystem fs) {
        boolean hasSocket = fs.getSource() != null && fs.getSource().getSocket() != null;
        if (fs.getAccessmode() == null && !hasSocket) {
            fs.setAccessmode(DomainFilesystemAccessMode.PASSTHROUGH);
        }
    }

    /**
     * TIS is the TPM interface of a PC; an emulated TPM gets version 2.0 with CRB (which only TPM 2.0 has) and
     * 1.2 otherwise, since the two versions are not compatible and the choice must be fixed.
     */
    static void tpm(DomainTpm tpm, GuestPlatform p) {
        if (tpm.getModel() == null) {
            tpm.setModel(DomainTpmModel.TPM_TIS);
        }
        if (tpm.getBackend() != null && tpm.getBackend().getType() == DomainTpmBackendType.EMULATOR
                && tpm.getBackend().getVersion() == null) {
            boolean v2 = tpm.getModel() == DomainTpmModel.TPM_SPAPR || tpm.getModel() == DomainTpmModel.TPM_CRB;
            tpm.getBackend().setVersion(v2 ? "2.0" : "1.2");
        }
    }

    /** A PC reports panics through the ISA pvpanic device. */
    static void panic(DomainPanic panic) {
        if (panic.getModel() == null) {
            panic.setModel("isa");
        }
    }

    /** qemuDomainShmemDefPostParse: default size, and the server/MSI rules of the ivshmem models. */
    static void shmem(DomainShmem shm) {
        String model = shm.getModel() == null || shm.getModel().getType() == null ? "ivshmem"
                : shm.getModel().getType();
        boolean hasSize = shm.getSize() != null && shm.getSize().getValue() != null && shm.getSize().getValue() != 0;
        if (!"ivshmem-doorbell".equals(model) && !hasSize) {
            DomainShmemSize size = new DomainShmemSize();
            size.setValue(SHMEM_DEFAULT_MIB);
            size.setUnit("M");
            shm.setSize(size);
            hasSize = true;
        }
        if ("ivshmem".equals(model)) {
            return;
        }
        boolean server = shm.getServer() != null;
        if (!server) {
            if ("ivshmem-doorbell".equals(model)) {
                throw new NormalizeException("unsupported configuration: shmem model '" + model
                        + "' is supported only with server option enabled", shm);
            }
        } else {
            if ("ivshmem-plain".equals(model)) {
                throw new NormalizeException("unsupported configuration: shmem model '" + model
                        + "' is supported only with server option disabled", shm);
            }
            if (hasSize) {
                throw new NormalizeException("unsupported configuration: shmem model '" + model
                        + "' does not support size setting", shm);
            }
            DomainShmemMsi msi = shm.getMsi();
            if (msi == null) {
                msi = new DomainShmemMsi();
                shm.setMsi(msi);
            }
            if (msi.getIoeventfd() == null) {
                msi.setIoeventfd(OnOff.ON);
            }
        }
    }
}

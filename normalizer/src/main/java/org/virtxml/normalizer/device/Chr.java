package org.virtxml.normalizer.device;

import java.util.List;
import org.virtxml.model.devices.DomainChannel;
import org.virtxml.model.devices.DomainChannelTarget;
import org.virtxml.model.devices.DomainChardevBackend;
import org.virtxml.model.devices.DomainChardevLog;
import org.virtxml.model.devices.DomainChardevProtocol;
import org.virtxml.model.devices.DomainChardevSource;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainConsole;
import org.virtxml.model.devices.DomainConsoleTarget;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainParallel;
import org.virtxml.model.devices.DomainParallelTarget;
import org.virtxml.model.devices.DomainSerial;
import org.virtxml.model.devices.DomainSerialTarget;
import org.virtxml.model.devices.DomainSerialTargetModel;

/**
 * One character device (serial, parallel, console or channel) seen the way libvirt sees all four: a virDomainChrDef
 * with a device kind, a host side (the element's {@link DomainChardevBackend}), a target type, port and model. The
 * four kinds differ only in their {@code <target>}, which each subclass reads and writes.
 */
abstract class Chr {
    /** The four kinds of character device. */
    enum Kind {
        /** {@code <serial>}. */
        SERIAL,
        /** {@code <parallel>}. */
        PARALLEL,
        /** {@code <console>}. */
        CONSOLE,
        /** {@code <channel>}. */
        CHANNEL
    }

    private final Kind kind;
    private final DomainDevice device;
    private final DomainChardevBackend host;

    private <T extends DomainDevice & DomainChardevBackend> Chr(Kind kind, T device) {
        this.kind = kind;
        this.device = device;
        this.host = device;
    }

    Kind kind() {
        return kind;
    }

    DomainDevice device() {
        return device;
    }

    /** The host side: type, sources, protocol and log. */
    DomainChardevBackend host() {
        return host;
    }

    DomainChardevType type() {
        return host.getType();
    }

    void setType(DomainChardevType t) {
        host.setType(t);
    }

    List<DomainChardevSource> sources() {
        return host.getSources();
    }

    DomainChardevProtocol protocol() {
        return host.getProtocol();
    }

    void setProtocol(DomainChardevProtocol p) {
        host.setProtocol(p);
    }

    DomainChardevLog log() {
        return host.getLog();
    }

    abstract void setTty(String tty);

    /** The target type as written, or null. */
    abstract String targetType();

    abstract void setTargetType(String t);

    /** The target port, or null when not set yet (libvirt's -1). */
    abstract Integer port();

    abstract void setPort(Integer port);

    /** The serial target model name, or null. */
    String targetModel() {
        return null;
    }

    void setTargetModel(String model) {
        throw new UnsupportedOperationException();
    }

    static Chr of(DomainSerial s) {
        return new Chr(Kind.SERIAL, s) {
            void setTty(String tty) {
                s.setTty(tty);
            }

            String targetType() {
                return s.getTarget() == null ? null : s.getTarget().getType();
            }

            void setTargetType(String t) {
                target().setType(t);
            }

            Integer port() {
                return s.getTarget() == null ? null : s.getTarget().getPort();
            }

            void setPort(Integer port) {
                target().setPort(port);
            }

            @Override
            String targetModel() {
                return s.getTarget() == null || s.getTarget().getModel() == null ? null
                        : s.getTarget().getModel().getName();
            }

            @Override
            void setTargetModel(String model) {
                if (model == null) {
                    target().setModel(null);
                } else {
                    DomainSerialTargetModel m = new DomainSerialTargetModel();
                    m.setName(model);
                    target().setModel(m);
                }
            }

            private DomainSerialTarget target() {
                if (s.getTarget() == null) {
                    s.setTarget(new DomainSerialTarget());
                }
                return s.getTarget();
            }
        };
    }

    static Chr of(DomainParallel p) {
        return new Chr(Kind.PARALLEL, p) {
            void setTty(String tty) {
                p.setTty(tty);
            }

            String targetType() {
                return null;
            }

            void setTargetType(String t) {
                // parallel ports have no target type
            }

            Integer port() {
                return p.getTarget() == null ? null : p.getTarget().getPort();
            }

            void setPort(Integer port) {
                if (p.getTarget() == null) {
                    p.setTarget(new DomainParallelTarget());
                }
                p.getTarget().setPort(port);
            }
        };
    }

    static Chr of(DomainConsole c) {
        return new Chr(Kind.CONSOLE, c) {
            void setTty(String tty) {
                c.setTty(tty);
            }

            String targetType() {
                return c.getTarget() == null ? null : c.getTarget().getType();
            }

            void setTargetType(String t) {
                target().setType(t);
            }

            Integer port() {
                return c.getTarget() == null ? null : c.getTarget().getPort();
            }

            void setPort(Integer port) {
                target().setPort(port);
            }

            private DomainConsoleTarget target() {
                if (c.getTarget() == null) {
                    c.setTarget(new DomainConsoleTarget());
                }
                return c.getTarget();
            }
        };
    }

    static Chr of(DomainChannel c) {
        return new Chr(Kind.CHANNEL, c) {
            void setTty(String tty) {
                c.setTty(tty);
            }

            String targetType() {
                return c.getTarget() == null ? null : c.getTarget().getType();
            }

            void setTargetType(String t) {
                if (c.getTarget() == null) {
                    c.setTarget(new DomainChannelTarget());
                }
                c.getTarget().setType(t);
            }

            Integer port() {
                return null;
            }

            void setPort(Integer port) {
                // channels are addressed by name, not port
            }
        };
    }
}

package org.virtxml.normalizer.platform;

import java.math.BigInteger;
import java.util.regex.Pattern;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainQemuArg;
import org.virtxml.model.DomainQemuCapabilities;
import org.virtxml.model.DomainQemuCapability;
import org.virtxml.model.DomainQemuCommandline;
import org.virtxml.model.DomainQemuEnv;
import org.virtxml.model.DomainQemuOverride;
import org.virtxml.model.DomainQemuOverrideDevice;
import org.virtxml.model.DomainQemuOverrideProperty;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * The refusals of the QEMU driver's XML namespace parser (qemuDomainDefNamespaceParse), which runs once the rest of
 * the domain is read: command-line arguments need a value, environment variables a name a shell accepts, override
 * properties a name other than {@code id}, a type and a value of that type, capabilities a name. Each kind is read
 * across all its elements before the next kind, as libvirt's XPath queries read them. Read-only.
 */
public final class QemuNamespaceParse implements Stage {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z0-9_]*");
    /** What strtoll and strtoull take before the digits: C white space, then a sign. */
    private static final Pattern SIGNED = Pattern.compile("[ \\t\\n\\u000B\\f\\r]*[+-]?[0-9]+");
    private static final Pattern UNSIGNED = Pattern.compile("[ \\t\\n\\u000B\\f\\r]*\\+?[0-9]+");
    private static final BigInteger ULLONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        for (DomainQemuCommandline c : d.getQemuCommandlines()) {
            for (DomainQemuArg a : c.getArgs()) {
                if (a.getValue() == null) {
                    throw NormalizeException.internal("No qemu command-line argument specified", a);
                }
            }
        }
        for (DomainQemuCommandline c : d.getQemuCommandlines()) {
            for (DomainQemuEnv e : c.getEnvs()) {
                env(e);
            }
        }
        for (DomainQemuOverride o : d.getQemuOverrides()) {
            for (DomainQemuOverrideDevice dev : o.getDevices()) {
                if (dev.getAlias() == null) {
                    throw NormalizeException.xmlError("missing 'alias' attribute for qemu:device", dev);
                }
                if (dev.getFrontend() != null) {
                    dev.getFrontend().getProperties().forEach(QemuNamespaceParse::property);
                }
            }
        }
        for (DomainQemuCapabilities c : d.getQemuCapabilities()) {
            for (DomainQemuCapability cap : c.getAdds()) {
                capability(cap);
            }
        }
        for (DomainQemuCapabilities c : d.getQemuCapabilities()) {
            for (DomainQemuCapability cap : c.getDels()) {
                capability(cap);
            }
        }
    }

    private static void env(DomainQemuEnv e) {
        String name = e.getName();
        if (name == null) {
            throw NormalizeException.internal("No qemu environment name specified", e);
        }
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) && name.charAt(0) < 128 || name.charAt(0) == '_')) {
            throw NormalizeException.internal("Invalid environment name, it must begin with a letter or underscore",
                    e);
        }
        if (!ENV_NAME.matcher(name).matches()) {
            throw NormalizeException.internal(
                    "Invalid environment name, it must contain only alphanumerics and underscore", e);
        }
    }

    private static void property(DomainQemuOverrideProperty p) {
        if (p.getName() == null) {
            throw NormalizeException.xmlError("missing 'name' attribute for qemu:property", p);
        }
        if (p.getName().equals("id")) {
            throw NormalizeException.xmlError("property with name 'id' can't be overridden", p);
        }
        if (p.getType() == null) {
            throw NormalizeException.xmlError("Missing required attribute 'type' in element 'property'", p);
        }
        String v = p.getValue();
        if (v == null) {
            if (p.getType() != org.virtxml.model.DomainQemuOverridePropertyType.REMOVE) {
                throw NormalizeException.xmlError("missing 'value' attribute for 'qemu:property'", p);
            }
            return;
        }
        boolean ok = switch (p.getType()) {
            case STRING -> true;
            case SIGNED -> SIGNED.matcher(v).matches() && fits(v.strip(), BigInteger.valueOf(Long.MIN_VALUE),
                    BigInteger.valueOf(Long.MAX_VALUE));
            case UNSIGNED -> UNSIGNED.matcher(v).matches() && fits(v.strip(), BigInteger.ZERO, ULLONG_MAX);
            case BOOL -> v.equals("true") || v.equals("false");
            case REMOVE -> throw NormalizeException.xmlError(
                    "setting 'value' attribute of 'qemu:property' doesn't make sense with 'remove' type", p);
        };
        if (!ok) {
            throw NormalizeException.xmlError("invalid value '" + v + "' of 'value' attribute of 'qemu:property'", p);
        }
    }

    private static boolean fits(String digits, BigInteger min, BigInteger max) {
        BigInteger n = new BigInteger(digits);
        return n.compareTo(min) >= 0 && n.compareTo(max) <= 0;
    }

    private static void capability(DomainQemuCapability cap) {
        if (cap.getCapability() == null) {
            throw NormalizeException.internal("missing capability name", cap);
        }
    }
}

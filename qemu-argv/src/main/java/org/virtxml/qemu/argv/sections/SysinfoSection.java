package org.virtxml.qemu.argv.sections;

import org.virtxml.model.DomainSysinfo;
import org.virtxml.model.DomainSysinfoEntry;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -fw_cfg name=NAME,string=VALUE|file=PATH} per entry of {@code <sysinfo type='fwcfg'>} (libvirt's
 * qemuBuildSysinfoCommandLine). libvirt writes the value with its XML escaping, not comma escaping.
 */
public final class SysinfoSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        for (DomainSysinfo s : ctx.domain().getSysinfos()) {
            if (s.getType() == null || !s.getType().xml().equals("fwcfg")) {
                continue;
            }
            for (DomainSysinfoEntry e : s.getEntries()) {
                StringBuilder b = new StringBuilder("name=").append(e.getName());
                if (e.getValue() != null && e.getFile() == null) {
                    b.append(",string=").append(xmlEscape(e.getValue()));
                } else if (e.getFile() != null) {
                    b.append(",file=").append(xmlEscape(e.getFile()));
                }
                ctx.add("-fw_cfg", b.toString());
            }
        }
    }

    /** libvirt's virBufferEscapeString: the five XML special characters as entities. */
    static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}

"""Generates the model's reflection-free codec from the same spec as the JAXB classes (called by genmodel.py).

Why: a JAXB context over a few hundred classes takes about half a second of CPU to build (reflection over every
annotation), and JAXB's reflective accessors keep parsing slow until the JIT has warmed up. A command-line run
pays that on every start. The spec already says, member by member, which attribute or child each Java property
is and in which order libvirt writes them, so the reader and writer can be plain Java: a switch per type.

Output:
  org/virtxml/model/ModelCodec.java        the tables and per-type code for org.virtxml.model.bind.Codec
  org/virtxml/model/devices/DeviceHooks.java  the package-private parts of device types the codec calls

The generic halves (the event handling that mirrors the parse filter and JAXB's unmarshaller, and the writer
driving LibvirtWriter) are hand-written in org.virtxml.model.bind (DirectReader, DirectWriter).
"""

SIMPLE_JAVA = {
    'String': 'String', 'Uuid': 'String', 'CpuSet': 'String', 'Mac': 'String', 'Ip': 'String',
    'Int': 'Integer', 'UInt': 'Integer', 'UIntAny': 'Integer', 'Hex4': 'Integer', 'Hex2': 'Integer',
    'PciFunction': 'Integer', 'Hex': 'Integer', 'Hex16To4': 'Integer', 'AnyTo4': 'Integer', 'AnyTo8': 'Integer',
    'AnyToHex': 'Integer', 'Octal4': 'Integer', 'UsbClass': 'Integer', 'UsbId': 'Integer', 'UsbVersion': 'Integer',
    'Long': 'Long', 'ULong': 'Long', 'HexLong': 'Long', 'HexLong8': 'Long',
}

MODEL_PKG = 'org.virtxml.model'
DEVICES_PKG = 'org.virtxml.model.devices'


def cap(s):
    return s[0].upper() + s[1:]


def jstr(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


class Gen:
    def __init__(self, spec, simple):
        self.spec = spec
        self.simple = simple          # genmodel.SIMPLE: name -> (java type, adapter fqcn)
        self.ids = {}                 # class or union name -> type id
        for name in spec.order:
            if spec.types[name]['kind'] in ('class', 'union'):
                self.ids[name] = len(self.ids)
        self.adapters = {}            # simple type name -> constant name
        self.hooks = []               # DeviceHooks methods

    # ---- values ----

    def kind_of(self, t):
        if t in self.simple:
            return 'simple'
        return self.spec.types[t]['kind']

    def java_type(self, t):
        if t in self.simple:
            return self.simple[t][0]
        return t

    def adapter(self, t):
        name = 'A_' + t
        self.adapters[t] = name
        return name

    def read(self, t, expr):
        """Java expression turning the string expr into type t, as JAXB's adapter for t would."""
        if t == 'String':
            return expr
        if t in self.simple:
            return '%s.unmarshal(%s)' % (self.adapter(t), expr)
        return 'p%s(%s)' % (t, expr)

    def write(self, t, expr):
        """Java expression spelling the value expr of type t, null when it is null."""
        if t == 'String':
            return expr
        if t in self.simple:
            return 'DirectWriter.marshal(%s, %s)' % (self.adapter(t), expr)
        return 'f%s(%s)' % (t, expr)

    # ---- per class ----

    def has_hook(self, d):
        return bool(d.get('scale')) or any('afterUnmarshal(' in line for line in d['java'])

    def text_member(self, d):
        for m in d['members']:
            if m['kind'] == 'text':
                return m
        return None

    def is_mixed(self, d):
        # a text-only union member keeps its text as mixed content (JAXB refuses @XmlValue in a subclass)
        return self.text_member(d) is not None and (d['super'] or 'ModelObject') not in ('ModelObject', 'DomainDevice')

    def slots(self, d):
        """The child elements of a class: (xml namespace, local name, member, type, list, alias condition)."""
        out = []
        for m in d['members']:
            if m['kind'] == 'elem':
                xml = m['xml']
                ns = ''
                if ':' in xml:
                    prefix, xml = xml.split(':', 1)
                    ns = self.spec.namespaces[prefix]
                when = None
                if m.get('when'):
                    attr, vals = m['when'].lstrip('@').split('=', 1)
                    when = (attr, vals.split(','))
                out.append({'ns': ns, 'local': xml, 'm': m, 'type': m['type'], 'list': m['list'], 'when': when})
            elif m['kind'] == 'choice':
                for n, t in zip(m['names'], m['types']):
                    out.append({'ns': '', 'local': n, 'm': m, 'type': t, 'list': True, 'when': None, 'choice': True})
        if len(out) > 64:
            raise SystemExit('%s: more than 64 child elements; the reader tracks repeats in a 64-bit mask' % d['name'])
        return out

    def slot_type(self, s):
        k = self.kind_of(s['type'])
        if k in ('simple', 'enum'):
            return 'LEAF'
        return 'T_' + s['type']

    def flags(self, d):
        f = []
        if self.text_member(d) is not None:
            f.append('TEXT')
            if self.is_mixed(d):
                f.append('MIXED')
        else:
            f.append('EXTENSIBLE')
        for s in self.slots(d):
            u = self.spec.types.get(s['type'])
            if s['when'] or (u and u['kind'] == 'union' and u['on'].startswith('../')):
                f.append('KEEP_ATTRIBUTES')
                break
        return ' | '.join(f) if f else '0'

    def gen_class(self, d):
        name = d['name']
        out = []
        attrs = [m for m in d['members'] if m['kind'] in ('attr', 'fixed')]
        slots = self.slots(d)
        text = self.text_member(d)

        # attributes
        if attrs:
            out.append('    static boolean a%s(%s o, String n, String v) {' % (name, name))
            out.append('        switch (n) {')
            for m in attrs:
                out.append('            case %s:' % jstr(m['xml']))
                if m['kind'] == 'attr':
                    out.append('                o.set%s(%s);' % (cap(m['field']), self.read(m['type'], 'v')))
                out.append('                return true;')
            out.append('            default:')
            out.append('                return false;')
            out.append('        }')
            out.append('    }')
            out.append('')

        if slots:
            # child lookup
            out.append('    static int c%s(String uri, String local, Attributes p) {' % name)
            by_ns = {}
            for k, s in enumerate(slots):
                by_ns.setdefault(s['ns'], {}).setdefault(s['local'], []).append((k, s))
            for i, (ns, locals_) in enumerate(by_ns.items()):
                cond = 'uri.isEmpty()' if ns == '' else 'uri.equals(%s)' % jstr(ns)
                out.append('        %s (%s) {' % ('if' if i == 0 else '} else if', cond))
                out.append('            switch (local) {')
                for local, cands in locals_.items():
                    out.append('                case %s:' % jstr(local))
                    aliased = [c for c in cands if c[1]['when']]
                    plain = [c for c in cands if not c[1]['when']]
                    for k, s in aliased:
                        attr, vals = s['when']
                        test = ' || '.join('%s.equals(p.getValue("", %s))' % (jstr(v), jstr(attr)) for v in vals)
                        out.append('                    if (%s) {' % test)
                        out.append('                        return %d;' % k)
                        out.append('                    }')
                    out.append('                    return %d;' % plain[0][0] if plain else '                    return -1;')
                out.append('                default:')
                out.append('                    return -1;')
                out.append('            }')
            out.append('        }')
            out.append('        return -1;')
            out.append('    }')
            out.append('')

            # attach a child object
            cls = [(k, s) for k, s in enumerate(slots) if self.slot_type(s) != 'LEAF']
            if cls:
                out.append('    static void s%s(%s o, int k, Object c) {' % (name, name))
                out.append('        switch (k) {')
                for k, s in cls:
                    m = s['m']
                    target = m['type'] if s.get('choice') else s['type']
                    out.append('            case %d:' % k)
                    if s['list']:
                        out.append('                o.get%s().add((%s) c);' % (cap(m['field']), target))
                    else:
                        out.append('                o.set%s((%s) c);' % (cap(m['field']), target))
                    out.append('                return;')
                out.append('            default:')
                out.append('                throw new IllegalStateException("no child slot " + k);')
                out.append('        }')
                out.append('    }')
                out.append('')
            leaves = [(k, s) for k, s in enumerate(slots) if self.slot_type(s) == 'LEAF']
            if leaves:
                out.append('    static void l%s(%s o, int k, String t) {' % (name, name))
                out.append('        switch (k) {')
                for k, s in leaves:
                    m = s['m']
                    out.append('            case %d:' % k)
                    if s['list']:
                        out.append('                o.get%s().add(%s);' % (cap(m['field']), self.read(s['type'], 't')))
                    else:
                        out.append('                o.set%s(%s);' % (cap(m['field']), self.read(s['type'], 't')))
                    out.append('                return;')
                out.append('            default:')
                out.append('                throw new IllegalStateException("no leaf slot " + k);')
                out.append('        }')
                out.append('    }')
                out.append('')

        if text is not None:
            out.append('    static void t%s(%s o, String t) {' % (name, name))
            if self.is_mixed(d):
                # JAXB's mixed-content loader drops empty text
                out.append('        if (!t.isEmpty()) {')
                out.append('            o.set%s(t);' % cap(text['field']))
                out.append('        }')
            else:
                out.append('        o.set%s(%s);' % (cap(text['field']), self.read(text['type'], 't')))
            out.append('    }')
            out.append('')

        # writer
        out.append('    static void w%s(%s o, DirectWriter w, String uri, String name) {' % (name, name))
        out.append('        if (o == null) {')
        out.append('            return;')
        out.append('        }')
        out.append('        if (o.getClass() != %s.class) {' % name)
        out.append('            throw w.unsupported();')
        out.append('        }')
        out.append('        w.start(uri, name);')
        for m in attrs:
            if m['kind'] == 'fixed':
                out.append('        w.attribute(%s, %s);' % (jstr(m['xml']), jstr(m['value'])))
            else:
                out.append('        w.attribute(%s, %s);' % (jstr(m['xml']), self.write(m['type'], 'o.get%s()' % cap(m['field']))))
        out.append('        w.otherAttributes(o);')
        if text is not None:
            if self.is_mixed(d):
                out.append('        w.mixed(%s);' % self.content(d))
            else:
                out.append('        w.text(%s);' % self.write(text['type'], 'o.get%s()' % cap(text['field'])))
        done_choice = set()
        for s in slots:
            m = s['m']
            if s.get('choice'):
                if id(m) in done_choice:
                    continue
                done_choice.add(id(m))
                out.append('        for (%s v : o.get%s()) {' % (m['type'], cap(m['field'])))
                first = True
                for n, t in zip(m['names'], m['types']):
                    out.append('            %sif (v instanceof %s x) {' % ('' if first else '} else ', t))
                    out.append('                w%s(x, w, "", %s);' % (t, jstr(n)))
                    first = False
                out.append('            } else if (v != null) {')
                out.append('                throw w.unsupported();')
                out.append('            }')
                out.append('        }')
                continue
            k = self.kind_of(s['type'])
            jt = self.java_type(s['type'])
            ns = jstr(s['ns'])
            local = jstr(s['local'])
            value = 'v' if s['list'] else 'o.get%s()' % cap(m['field'])
            if k in ('simple', 'enum'):
                call = 'w.leaf(%s, %s, %s);' % (ns, local, self.write(s['type'], value))
            elif k == 'union':
                call = 'wu%s(%s, w, %s, %s);' % (s['type'], value, ns, local)
            else:
                call = 'w%s(%s, w, %s, %s);' % (s['type'], value, ns, local)
            if s['list']:
                out.append('        for (%s v : o.get%s()) {' % (jt, cap(m['field'])))
                out.append('            ' + call)
                out.append('        }')
            else:
                out.append('        ' + call)
        if text is None:
            out.append('        w.unknown(o.getOtherElements());')
        out.append('        w.end(uri, name);')
        out.append('    }')
        out.append('')
        return out

    def content(self, d):
        if d['package'] == MODEL_PKG:
            return 'o.content()'
        self.hooks.append('    /** The mixed content of {@code <%s>}s as read, or null. */\n'
                          '    public static List<Object> content(%s o) {\n'
                          '        return o.content();\n'
                          '    }' % (d['name'], d['name']))
        return 'DeviceHooks.content(o)'

    def end_call(self, d):
        if d['package'] == MODEL_PKG:
            return '((%s) o).afterUnmarshal(null, parent)' % d['name']
        self.hooks.append('    /** The conversion libvirt applies once a {@code %s} is read. */\n'
                          '    public static void afterRead(%s o, Object parent) {\n'
                          '        o.afterUnmarshal(null, parent);\n'
                          '    }' % (d['name'], d['name']))
        return 'DeviceHooks.afterRead((%s) o, parent)' % d['name']

    def gen_union(self, d):
        name = d['name']
        subs = []
        for _, sub in d['cases']:
            if sub not in subs:
                subs.append(sub)
        absent = d.get('absent', '')
        if absent.startswith('type:') and absent[5:] not in subs:
            subs.append(absent[5:])
        out = ['    static void wu%s(%s o, DirectWriter w, String uri, String name) {' % (name, name)]
        first = True
        out.append('        if (o == null) {')
        out.append('            return;')
        out.append('        }')
        for s in subs:
            out.append('        %sif (o instanceof %s x) {' % ('' if first else '} else ', s))
            out.append('            w%s(x, w, uri, name);' % s)
            first = False
        out.append('        } else {')
        out.append('            throw w.unsupported();')
        out.append('        }')
        out.append('    }')
        out.append('')
        return out

    def union_table(self, d):
        on = d['on']
        attr = on.split('@', 1)[1]
        absent = d.get('absent', '')
        absent_type = '-1'
        absent_value = ''
        if absent.startswith('type:'):
            absent_type = 'T_' + absent[5:]
        else:
            absent_value = absent
        values = []
        types = []
        for vals, sub in d['cases']:
            for v in vals:
                if v in values:
                    types[values.index(v)] = 'T_' + sub
                else:
                    values.append(v)
                    types.append('T_' + sub)
        return 'new Union(%s, %s, %s, %s, new String[] {%s}, new int[] {%s})' % (
            jstr(attr), 'true' if on.startswith('../') else 'false', jstr(absent_value), absent_type,
            ', '.join(jstr(v) for v in values), ', '.join(types))

    def gen_enum(self, d):
        name = d['name']
        seen = []
        for v, _ in d['values']:
            if v not in seen:
                seen.append(v)
        out = ['    static %s p%s(String v) {' % (name, name), '        switch (v) {']
        done = set()
        for v, n in d['values']:
            if v in done:
                continue
            done.add(v)
            out.append('            case %s:' % jstr(v))
            out.append('                return %s.%s;' % (name, n))
        out.append('            default:')
        out.append('                throw new InvalidValueException(v, %s);' % jstr('one of ' + ', '.join(seen)))
        out.append('        }')
        out.append('    }')
        out.append('')
        out.append('    private static final String[] N%s = {%s};' % (name, ', '.join(jstr(v) for v, _ in d['values'])))
        out.append('')
        out.append('    static String f%s(%s v) {' % (name, name))
        out.append('        return v == null ? null : N%s[v.ordinal()];' % name)
        out.append('    }')
        out.append('')
        return out


def generate(spec, simple, mark):
    g = Gen(spec, simple)
    classes = [spec.types[n] for n in spec.order if spec.types[n]['kind'] == 'class']
    unions = [spec.types[n] for n in spec.order if spec.types[n]['kind'] == 'union']
    enums = [spec.types[n] for n in spec.order if spec.types[n]['kind'] == 'enum']
    roots = [d for d in classes if d['root']]
    if len(roots) != 1:
        raise SystemExit('the codec needs exactly one root class')
    root = roots[0]

    body = []
    for d in classes:
        body += g.gen_class(d)
    for d in unions:
        body += g.gen_union(d)
    for d in enums:
        body += g.gen_enum(d)

    end_cases = [('T_' + d['name'], g.end_call(d) + ';\n                return;') for d in classes if g.has_hook(d)]
    L = [mark + ' from the .model files: edit those and regenerate.', 'package %s;' % MODEL_PKG, '']
    imports = {'org.virtxml.model.bind.Codec', 'org.virtxml.model.bind.DirectWriter',
               'org.virtxml.model.bind.InvalidValueException', 'org.virtxml.model.bind.Union',
               'org.xml.sax.Attributes'}
    for n in spec.order:
        d = spec.types[n]
        if d['package'] != MODEL_PKG and d['kind'] in ('class', 'union', 'enum', 'abstract'):
            imports.add('%s.%s' % (d['package'], n))
    if g.hooks:
        imports.add(DEVICES_PKG + '.DeviceHooks')
    L += ['import %s;' % i for i in sorted(imports)]
    L += ['',
          '/**',
          ' * The model\'s element types for {@link org.virtxml.model.bind.DirectReader} and',
          ' * {@link org.virtxml.model.bind.DirectWriter}: per type, its attributes, children, text and writing order,',
          ' * as plain code generated from the same spec as the JAXB annotations (no reflection, no start-up cost).',
          ' * Not an API: {@link DomainXml} is.',
          ' */',
          'public final class ModelCodec extends Codec {']
    by_id = [d for d in classes + unions]
    by_id.sort(key=lambda d: g.ids[d['name']])
    for d in by_id:
        L.append('    static final int T_%s = %d;' % (d['name'], g.ids[d['name']]))
    L.append('')
    L.append('    private static final int[] FLAGS = {')
    for d in by_id:
        L.append('        %s,' % (g.flags(d) if d['kind'] == 'class' else '0'))
    L.append('    };')
    L.append('')
    L.append('    /** Per type, for each child slot: the declared type id (or LEAF) and whether it is a list (1). */')
    L.append('    private static final int[][] SLOTS = {')
    for d in by_id:
        if d['kind'] == 'class':
            cells = []
            for s in g.slots(d):
                cells.append('%s, %d' % (g.slot_type(s), 1 if s['list'] else 0))
            L.append('        {%s},' % ', '.join(cells))
        else:
            L.append('        {},')
    L.append('    };')
    L.append('')
    L.append('    private static final Union[] UNIONS = new Union[%d];' % len(g.ids))
    L.append('')
    L.append('    static {')
    for d in unions:
        L.append('        UNIONS[T_%s] = %s;' % (d['name'], g.union_table(d)))
    L.append('    }')
    L.append('')
    # adapters are registered while generating the body, so emit them after it was built
    adapter_lines = []
    for t, cname in sorted(g.adapters.items()):
        fq = simple[t][1]
        adapter_lines.append('    private static final %s %s = new %s();' % (fq, cname, fq))
    L += adapter_lines
    L.append('')
    L.append('    /** Creates the codec; it holds no state and may be shared. */')
    L.append('    public ModelCodec() {')
    L.append('    }')
    L.append('')

    def dispatch(signature, ret, cases, default):
        out = ['    @Override', '    public %s {' % signature, '        switch (t) {']
        for case, stmt in cases:
            out.append('            case %s:' % case)
            out.append('                ' + stmt)
        out.append('            default:')
        out.append('                ' + default)
        out.append('        }')
        out.append('    }')
        out.append('')
        return out

    L += ['    @Override', '    public int rootType() {', '        return T_%s;' % root['name'], '    }', '']
    L += ['    @Override', '    public String rootName() {', '        return %s;' % jstr(root['root']), '    }', '']
    L += ['    @Override', '    public int flags(int t) {', '        return FLAGS[t];', '    }', '']
    L += ['    @Override', '    public Union union(int t) {', '        return UNIONS[t];', '    }', '']
    L += ['    @Override', '    public int slotType(int t, int k) {', '        return SLOTS[t][2 * k];', '    }', '']
    L += ['    @Override', '    public boolean slotList(int t, int k) {', '        return SLOTS[t][2 * k + 1] != 0;', '    }', '']
    L += dispatch('Object create(int t)', 'Object',
                  [('T_' + d['name'], 'return new %s();' % d['name']) for d in classes],
                  'throw new IllegalArgumentException("not a class: " + t);')
    L += dispatch('boolean attribute(int t, Object o, String n, String v)', 'boolean',
                  [('T_' + d['name'], 'return a%s((%s) o, n, v);' % (d['name'], d['name'])) for d in classes
                   if any(m['kind'] in ('attr', 'fixed') for m in d['members'])],
                  'return false;')
    L += dispatch('int child(int t, String uri, String local, Attributes p)', 'int',
                  [('T_' + d['name'], 'return c%s(uri, local, p);' % d['name']) for d in classes if g.slots(d)],
                  'return -1;')
    L += dispatch('void attach(int t, Object o, int k, Object c)', 'void',
                  [('T_' + d['name'], 's%s((%s) o, k, c);\n                return;' % (d['name'], d['name']))
                   for d in classes if any(g.slot_type(s) != 'LEAF' for s in g.slots(d))],
                  'throw new IllegalArgumentException("no children in " + t);')
    L += dispatch('void leaf(int t, Object o, int k, String text)', 'void',
                  [('T_' + d['name'], 'l%s((%s) o, k, text);\n                return;' % (d['name'], d['name']))
                   for d in classes if any(g.slot_type(s) == 'LEAF' for s in g.slots(d))],
                  'throw new IllegalArgumentException("no leaf children in " + t);')
    L += dispatch('void text(int t, Object o, String text)', 'void',
                  [('T_' + d['name'], 't%s((%s) o, text);\n                return;' % (d['name'], d['name']))
                   for d in classes if g.text_member(d) is not None],
                  'return;')
    L += dispatch('void end(int t, Object o, Object parent)', 'void',
                  end_cases,
                  'return;')
    L += ['    @Override', '    public void write(Object root, DirectWriter w) {',
          '        w%s((%s) root, w, "", %s);' % (root['name'], root['name'], jstr(root['root'])), '    }', '']
    L += body
    while L[-1] == '':
        L.pop()
    L.append('}')
    L.append('')
    files = {(MODEL_PKG, 'ModelCodec'): '\n'.join(L)}

    H = [mark + ' from the .model files: edit those and regenerate.', 'package %s;' % DEVICES_PKG, '',
         'import java.util.List;', '',
         '/**',
         ' * The package-private parts of device types that {@link org.virtxml.model.ModelCodec} needs: the',
         ' * conversions libvirt applies once an element is read, and mixed content. Not an API.',
         ' */',
         'public final class DeviceHooks {',
         '    private DeviceHooks() {',
         '    }']
    for h in g.hooks:
        H.append('')
        H.append(h)
    H.append('}')
    H.append('')
    files[(DEVICES_PKG, 'DeviceHooks')] = '\n'.join(H)
    return files

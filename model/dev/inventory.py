#!/usr/bin/env python3
"""Inventory of element paths and attributes in the domain corpus (input.xml + define.xml).

Prints one line per element path: path, number of files it occurs in, attributes seen (with a few sample values),
and whether it ever carries text. Used to check that the JAXB model misses nothing; not part of the build.
Usage: model/dev/inventory.py [CORPUS_DOMAINS_DIR] [--values]
"""
import collections
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith('--') else '/work/shared/corpus/domains'
show_values = '--values' in sys.argv
files = collections.defaultdict(set)
attrs = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))
text = collections.Counter()


def short(tag):
    if tag.startswith('{'):
        ns, local = tag[1:].split('}')
        return ns.rsplit('/', 1)[-1] + ':' + local
    return tag


def walk(el, path, fname):
    p = path + '/' + short(el.tag)
    files[p].add(fname)
    for k, v in el.attrib.items():
        attrs[p][short(k)][v] += 1
    if el.text and el.text.strip():
        text[p] += 1
    for c in el:
        if isinstance(c.tag, str):
            walk(c, p, fname)


for f in sorted(glob.glob(os.path.join(root, '*', '*.xml'))):
    if os.path.basename(f) not in ('input.xml', 'define.xml'):
        continue
    try:
        walk(ET.parse(f).getroot(), '', f)
    except ET.ParseError as e:
        print('# unparsable', f, e, file=sys.stderr)

for p in sorted(files):
    line = '%-70s %4d%s' % (p, len(files[p]), ' text' if text[p] else '')
    print(line)
    for a in sorted(attrs[p]):
        vals = attrs[p][a]
        if show_values:
            sample = ' '.join(sorted(vals)[:12])
            print('    @%-20s %s%s' % (a, sample, ' ...' if len(vals) > 12 else ''))
        else:
            print('    @' + a)

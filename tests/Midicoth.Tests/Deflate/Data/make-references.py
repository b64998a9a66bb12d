#!/usr/bin/env python3
"""Writes references.tsv: what the real zlib (Python's zlib module) and GNU gzip make of the corpus files, as the
length and CRC-32 of each raw deflate stream, for DeflateReferenceTests to compare our encoder with.
usage: make-references.py CORPUS_DIR > references.tsv"""
import os, subprocess, sys, zlib

corpus = sys.argv[1]
files = sorted(os.listdir(corpus))
cases = []
for f in files:
    for level in (1, 6, 9):
        cases.append((f, "zlib", level, 15, 8))
    for level in (6, 9):
        cases.append((f, "gzip", level, 15, 8))
for f in ("alice29.txt", "kppkn.gtb"):
    for level in (2, 3, 4, 5, 7, 8):
        cases.append((f, "zlib", level, 15, 8))
        cases.append((f, "gzip", level, 15, 8))
    cases.append((f, "gzip", 1, 15, 8))
for f, level, wbits, mem in (("paper-100k.pdf", 9, 12, 5), ("geo.protodata", 6, 9, 1), ("html", 9, 15, 9), ("fireworks.jpeg", 4, 10, 3)):
    cases.append((f, "zlib", level, wbits, mem))

print("# file\tflavour\tlevel\twindow_bits\tmem_level\tlength\tcrc32\t(zlib " + zlib.ZLIB_RUNTIME_VERSION + ", "
      + subprocess.run(["gzip", "--version"], capture_output=True, text=True).stdout.splitlines()[0] + ")")
for f, flavour, level, wbits, mem in cases:
    data = open(os.path.join(corpus, f), "rb").read()
    if flavour == "zlib":
        c = zlib.compressobj(level, zlib.DEFLATED, -wbits, mem)
        raw = c.compress(data) + c.flush()
    else:
        gz = subprocess.run(["gzip", "-c", "-n", "-%d" % level, os.path.join(corpus, f)], capture_output=True).stdout
        raw = gz[10:-8]
    print("%s\t%s\t%d\t%d\t%d\t%d\t%08x" % (f, flavour, level, wbits, mem, len(raw), zlib.crc32(raw)))

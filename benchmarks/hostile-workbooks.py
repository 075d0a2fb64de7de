#!/usr/bin/env python3
"""Hostile workbooks for the provider import (/Providers/Import), and a runner that uploads them to a live server
and watches the server's memory (docs/benchmarks.md, "Import limits under hostile workbooks").

    python3 benchmarks/hostile-workbooks.py template-code --url http://127.0.0.1:5191 --login provider@demo.cn --password Demo2026
    python3 benchmarks/hostile-workbooks.py generate OUTDIR [--code CREDITCODE]
    python3 benchmarks/hostile-workbooks.py measure --url http://127.0.0.1:5191 --pid PID \
        --login provider@demo.cn --password Demo2026 [--after 10] [--parallel N] [--out results.jsonl] FILE.xlsx ...

`generate` writes the files below, streaming every large part so the generator itself stays small. An .xlsx is a zip
of XML; each file here is a minimal workbook MiniExcel reads (sheet 评价, header row, data rows) with one thing wrong:

    baseline.xlsx            valid: one row for CREDITCODE (a granted enterprise) with a score and one rating
    cell-400m-shared.xlsx    one cell of 400,000,000 characters in xl/sharedStrings.xml
    cell-400m-inline.xlsx    one cell of 400,000,000 characters as an inline string in the sheet
    rows-33000.xlsx          33,000 data rows
    sheets-200.xlsx          200 worksheets
    lying-size.xlsx          the sheet's zip entry declares 1,000 bytes unpacked but inflates to 400,000,000+

Extra probes of the scan's own rules (which parts it reads as sheets / shared strings, what text it counts), sized
to stay inside the 64 MB unpacked budget and under the 100x compression ratio:

    cell-60m-sheet-noxml.xlsx      a 60,000,000-character cell in a sheet stored as xl/worksheets/sheet1.bin
    cell-60m-sheet-leading-slash.xlsx  the same, the sheet stored as /xl/worksheets/sheet1.xml
    rows-33000-sheet-noxml.xlsx    33,000 rows in a sheet stored as xl/worksheets/sheet1.bin
    cell-4m-shared-backslash.xlsx  a 4,000,000-character shared string stored as xl\\sharedStrings.xml
    cell-60m-shared-backslash.xlsx the same with 60,000,000 characters
    cell-60m-whitespace.xlsx       a cell of 60,000,000 spaces, tabs and newlines (an XML whitespace node)
    cols-5000-no-ref.xlsx          5,000 columns whose cells carry no r="…" reference
    within-limits-20000x190.xlsx   close to the most the limits let through: 20,000 rows x 190 numeric cells, ~61 MB unpacked
    broken-central-directory.xlsx  a zip whose end record is intact but whose central directory is garbage
    shared-ref-no-part.xlsx        a shared-string cell (t="s") in a workbook without a shared-strings part

`measure` signs in through the login form (antiforgery token, cookies), then for each file takes a fresh token from
the import page, posts the file as multipart/form-data, and reports the HTTP status, response size, time, and the
server process's VmRSS and RssAnon (/proc/PID/status) before, at peak (polled every 50 ms during the request) and
AFTER seconds later.
"""
import argparse
import html
import http.cookiejar
import io
import json
import os
import random
import re
import struct
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
import zipfile

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
CODE_HEADER = '统一社会信用代码'
DT_HEADER = '数字化转型评估得分'
SCENARIO_HEADER = None  # the first scenario column is read from the template when measuring; not needed for generating
SHEET = '评价'
MB = 1024 * 1024


# ---------- workbook parts ----------

def content_types(sheets, sheet_ext='xml', shared=True):
    overrides = ''.join(
        f'<Override PartName="/xl/worksheets/sheet{i}.{sheet_ext}" '
        f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, sheets + 1))
    if shared:
        overrides += ('<Override PartName="/xl/sharedStrings.xml" '
                      'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="bin" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'{overrides}</Types>')


ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
             'Target="xl/workbook.xml"/></Relationships>')


def workbook_xml(names):
    sheets = ''.join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets>{sheets}</sheets></workbook>')


def workbook_rels(count, sheet_ext='xml', shared_target='sharedStrings.xml'):
    rels = ''.join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        f'Target="worksheets/sheet{i}.{sheet_ext}"/>' for i in range(1, count + 1))
    if shared_target:
        rels += (f'<Relationship Id="rId{count + 1}" '
                 'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                 f'Target="{shared_target}"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{esc(text)}</t></is></c>'


def header_row(extra=()):
    cells = [inline('A1', CODE_HEADER), inline('B1', DT_HEADER)] + list(extra)
    return '<row r="1">' + ''.join(cells) + '</row>'


SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{NS}"><sheetData>'
SHEET_TAIL = '</sheetData></worksheet>'


def small_sheet(rows_xml):
    return SHEET_HEAD + header_row() + rows_xml + SHEET_TAIL


def write_skeleton(z, sheets=1, sheet_ext='xml', shared_target='sharedStrings.xml', shared_part=True, names=None):
    z.writestr('[Content_Types].xml', content_types(sheets, sheet_ext, shared_part))
    z.writestr('_rels/.rels', ROOT_RELS)
    z.writestr('xl/workbook.xml', workbook_xml(names or [SHEET] + [f'S{i}' for i in range(2, sheets + 1)]))
    z.writestr('xl/_rels/workbook.xml.rels', workbook_rels(sheets, sheet_ext, shared_target if shared_part else None))


def stream_part(z, name, head, body_chunks, tail, level=9):
    """Writes a part whose body comes in chunks (bytes), so a 400 MB part never sits in memory."""
    info = zipfile.ZipInfo(name, date_time=(2026, 12, 4, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, 'w', force_zip64=False) as out:
        out.write(head.encode())
        for chunk in body_chunks:
            out.write(chunk)
        out.write(tail.encode())


def repeated(total, unit=b'A', chunk=4 * MB):
    block = unit * (chunk // len(unit))
    left = total
    while left > 0:
        n = min(left, len(block))
        yield block[:n]
        left -= n


def medium_entropy(total, seed=20261204, chunk=4 * MB, alphabet=b'ABCDEFGHIJKLMNOPQRSTUVWXYZ'):
    """Characters in runs of random length: compresses about 13x, so a 60 MB part stays under the 100x ratio limit
    and the upload under 10 MB."""
    rng = random.Random(seed)
    left = total
    while left > 0:
        out = bytearray()
        while len(out) < min(chunk, left):
            out += bytes([rng.choice(alphabet)]) * rng.randrange(1, 60)
        out = bytes(out[:min(chunk, left)])
        yield out
        left -= len(out)


def zipwriter(path):
    return zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=9, allowZip64=True)


# ---------- the files ----------

def baseline(path, code):
    with zipwriter(path) as z:
        write_skeleton(z, shared_part=False)
        z.writestr('xl/worksheets/sheet1.xml', small_sheet(f'<row r="2">{inline("A2", code)}<c r="B2"><v>75</v></c></row>'))


def cell_shared(path, chars, shared_name='xl/sharedStrings.xml', body=repeated):
    with zipwriter(path) as z:
        write_skeleton(z, shared_target=shared_name[3:].replace('\\', '/') if shared_name.startswith('xl') else shared_name)
        z.writestr('xl/worksheets/sheet1.xml',
                   small_sheet('<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>75</v></c></row>'))
        stream_part(z, shared_name,
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>',
                    body(chars), '</t></si></sst>')


def cell_inline(path, chars, sheet_name='xl/worksheets/sheet1.xml', body=repeated, unit=b'A'):
    ext = sheet_name.rsplit('.', 1)[1]
    with zipwriter(path) as z:
        write_skeleton(z, sheet_ext=ext, shared_part=False)
        chunks = body(chars) if body is not repeated else repeated(chars, unit)
        stream_part(z, sheet_name,
                    SHEET_HEAD + header_row() + '<row r="2"><c r="A2" t="inlineStr"><is><t>', chunks,
                    '</t></is></c><c r="B2"><v>75</v></c></row>' + SHEET_TAIL)


def rows(path, count, sheet_name='xl/worksheets/sheet1.xml'):
    ext = sheet_name.rsplit('.', 1)[1]

    def body():
        buf = []
        for i in range(count):
            r = i + 2
            # an 18-character code that no provider is granted, and a score
            buf.append(f'<row r="{r}">{inline(f"A{r}", f"91320000X{i:09d}")}<c r="B{r}"><v>60</v></c></row>')
            if len(buf) == 2000:
                yield ''.join(buf).encode()
                buf = []
        yield ''.join(buf).encode()

    with zipwriter(path) as z:
        write_skeleton(z, sheet_ext=ext, shared_part=False)
        stream_part(z, sheet_name, SHEET_HEAD + header_row(), body(), SHEET_TAIL)


def sheets(path, count):
    with zipwriter(path) as z:
        write_skeleton(z, sheets=count, shared_part=False)
        for i in range(1, count + 1):
            z.writestr(f'xl/worksheets/sheet{i}.xml', small_sheet(''))


def lying(path, real_chars, declared=1000):
    """The sheet part inflates to real_chars+ bytes, but its local header and central directory entry say `declared`."""
    cell_inline(path, real_chars)
    with open(path, 'r+b') as f:
        data = bytearray(f.read())
        name = b'xl/worksheets/sheet1.xml'
        # (signature, offset of the name's length, offset of the name, offset of the uncompressed size):
        # the local file header, then the central directory entry
        for signature, length_at, name_at, size_at in ((b'PK\x03\x04', 26, 30, 22), (b'PK\x01\x02', 28, 46, 24)):
            at = 0
            while True:
                at = data.find(signature, at)
                if at < 0:
                    break
                n = struct.unpack_from('<H', data, at + length_at)[0]
                if data[at + name_at:at + name_at + n] == name:
                    struct.pack_into('<I', data, at + size_at, declared)
                at += 4
        f.seek(0)
        f.write(data)


def whitespace_cell(path, chars):
    cell_inline(path, chars, body=lambda n: medium_entropy(n, alphabet=b' \t\n'))


def within_limits(path, rows_count=20_000, columns=190):
    """Close to the most a workbook may hold and still pass every limit: 20,000 rows of 190 numeric cells (no r="…", so each
    cell is 15-17 bytes of XML), about 60 MB unpacked, random numbers so the ratio stays under 100."""
    rng = random.Random(7)
    header = ''.join(inline(f'{col(c)}1', f'列{c}') for c in range(3, columns + 1))

    def body():
        buf = []
        for i in range(rows_count):
            cells = ''.join(f'<c><v>{rng.randrange(1000)}</v></c>' for _ in range(columns - 2))
            buf.append(f'<row><c t="inlineStr"><is><t>91320000X{i:09d}</t></is></c><c><v>60</v></c>{cells}</row>')
            if len(buf) == 500:
                yield ''.join(buf).encode()
                buf = []
        yield ''.join(buf).encode()

    with zipwriter(path) as z:
        write_skeleton(z, shared_part=False)
        stream_part(z, 'xl/worksheets/sheet1.xml', SHEET_HEAD + header_row([header]), body(), SHEET_TAIL)


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def columns_without_refs(path, count):
    cells = ''.join('<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(count))
    with zipwriter(path) as z:
        write_skeleton(z, shared_part=False)
        z.writestr('xl/worksheets/sheet1.xml',
                   SHEET_HEAD + header_row() + f'<row r="2"><c t="inlineStr"><is><t>91320000X000000001</t></is></c>{cells}</row>' + SHEET_TAIL)


def shared_reference_without_part(path):
    """A cell of type s (shared string 0) in a workbook that has no shared-strings part."""
    with zipwriter(path) as z:
        write_skeleton(z, shared_part=False)
        z.writestr('xl/worksheets/sheet1.xml', small_sheet('<row r="2"><c r="A2" t="s"><v>0</v></c></row>'))


def broken_central_directory(path, code):
    baseline(path, code)
    with open(path, 'r+b') as f:
        data = bytearray(f.read())
        eocd = data.rfind(b'PK\x05\x06')
        cd_size, cd_offset = struct.unpack_from('<II', data, eocd + 12)
        data[cd_offset:cd_offset + cd_size] = bytes([0x5A]) * cd_size
        f.seek(0)
        f.write(data)


def generate(outdir, code):
    os.makedirs(outdir, exist_ok=True)
    big = 400_000_000
    jobs = [
        ('baseline.xlsx', lambda p: baseline(p, code)),
        ('cell-400m-shared.xlsx', lambda p: cell_shared(p, big)),
        ('cell-400m-inline.xlsx', lambda p: cell_inline(p, big)),
        ('rows-33000.xlsx', lambda p: rows(p, 33_000)),
        ('sheets-200.xlsx', lambda p: sheets(p, 200)),
        ('lying-size.xlsx', lambda p: lying(p, big)),
        ('cell-60m-sheet-noxml.xlsx', lambda p: cell_inline(p, 60_000_000, 'xl/worksheets/sheet1.bin', body=medium_entropy)),
        ('cell-60m-sheet-leading-slash.xlsx', lambda p: cell_inline(p, 60_000_000, '/xl/worksheets/sheet1.xml', body=medium_entropy)),
        ('rows-33000-sheet-noxml.xlsx', lambda p: rows(p, 33_000, 'xl/worksheets/sheet1.bin')),
        ('cell-4m-shared-backslash.xlsx', lambda p: cell_shared(p, 4_000_000, 'xl\\sharedStrings.xml', body=medium_entropy)),
        ('cell-60m-shared-backslash.xlsx', lambda p: cell_shared(p, 60_000_000, 'xl\\sharedStrings.xml', body=medium_entropy)),
        ('cell-60m-whitespace.xlsx', lambda p: whitespace_cell(p, 60_000_000)),
        ('cols-5000-no-ref.xlsx', lambda p: columns_without_refs(p, 5000)),
        ('broken-central-directory.xlsx', lambda p: broken_central_directory(p, code)),
        ('shared-ref-no-part.xlsx', shared_reference_without_part),
        ('within-limits-20000x190.xlsx', within_limits),
    ]
    for name, make in jobs:
        path = os.path.join(outdir, name)
        t = time.time()
        make(path)
        with zipfile.ZipFile(path) if name != 'broken-central-directory.xlsx' else io.BytesIO() as z:
            declared = sum(i.file_size for i in z.infolist()) if isinstance(z, zipfile.ZipFile) else 0
        print(f'{name}: {os.path.getsize(path):,} bytes, parts declare {declared:,} unpacked ({time.time() - t:.1f} s)')


# ---------- measuring ----------

def proc_mem(pid):
    out = {}
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            k, _, v = line.partition(':')
            if k in ('VmRSS', 'RssAnon'):
                out[k] = int(v.split()[0]) // 1024  # MB
    return out


class Client:
    def __init__(self, base):
        self.base = base.rstrip('/')
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path, data=None, headers=None, method=None):
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {}, method=method)
        try:
            with self.opener.open(req, timeout=600) as r:
                return r.status, r.read(), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read(), dict(e.headers)

    def token(self, path):
        status, body, _ = self.request(path)
        m = re.search(rb'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', body)
        if not m:
            raise SystemExit(f'no antiforgery token on {path} ({status})')
        return m.group(1).decode()

    def login(self, login, password):
        token = self.token('/Account/Login')
        form = urllib.parse.urlencode({'Login': login, 'Password': password, 'ReturnUrl': '',
                                       '__RequestVerificationToken': token}).encode()
        self.request('/Account/Login', form, {'Content-Type': 'application/x-www-form-urlencoded'})
        if not any(c.name == 'sf.auth' for c in self.jar):
            raise SystemExit(f'sign-in as {login} failed')

    def upload(self, path, field, filename, content, token):
        boundary = uuid.uuid4().hex
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="__RequestVerificationToken"\r\n\r\n{token}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
                'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n').encode() \
            + content + f'\r\n--{boundary}--\r\n'.encode()
        return self.request(path, body, {'Content-Type': f'multipart/form-data; boundary={boundary}'})


def outcome(body):
    """The import page's answer in a few words: the notice, or the first problem listed."""
    text = html.unescape(body.decode('utf-8', 'replace'))
    m = re.search(r'data-testid="imported">(.*?)</p>', text, re.S)
    if m:
        return re.sub(r'\s+', ' ', re.sub('<[^>]+>', '', m.group(1))).strip()
    cells = re.findall(r'<td[^>]*>(.*?)</td>', text, re.S)
    if cells:
        return ' | '.join(x for x in (re.sub(r'\s+', ' ', re.sub('<[^>]+>', '', c)).strip()[:80] for c in cells[:4]) if x and x != '—')
    m = re.search(r'<h1>(.*?)</h1>', text, re.S)
    return m.group(1).strip() if m else text[:120]


def measure(args):
    clients = [Client(args.url) for _ in range(args.parallel)]
    for c in clients:
        c.login(args.login, args.password)
    results = []
    for path in args.files:
        content = open(path, 'rb').read()
        tokens = [c.token('/Providers/Import') for c in clients]
        time.sleep(2)
        before = proc_mem(args.pid)
        peak = dict(before)
        done = threading.Event()

        def poll():
            while not done.is_set():
                m = proc_mem(args.pid)
                for k, v in m.items():
                    peak[k] = max(peak[k], v)
                time.sleep(0.05)

        answers = [None] * len(clients)

        def send(i):
            t0 = time.time()
            status, body, _ = clients[i].upload('/Providers/Import', 'file', os.path.basename(path), content, tokens[i])
            answers[i] = (status, body, time.time() - t0)

        poller = threading.Thread(target=poll)
        poller.start()
        start = time.time()
        senders = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
        for t in senders:
            t.start()
        for t in senders:
            t.join()
        elapsed = time.time() - start
        done.set()
        poller.join()
        time.sleep(args.after)
        after = proc_mem(args.pid)
        status, body, _ = answers[0]
        row = {'file': os.path.basename(path), 'parallel': len(clients), 'upload_bytes': len(content),
               'status': sorted({a[0] for a in answers}), 'response_bytes': len(body), 'seconds': round(elapsed, 2),
               'before': before, 'peak': peak, 'after': after, 'answer': outcome(body)}
        results.append(row)
        shown = '/'.join(str(s) for s in row['status'])
        print(f"{row['file']}{f' x{len(clients)}' if len(clients) > 1 else ''}: {len(content):,} B up, {shown}, {len(body):,} B, "
              f"{elapsed:.2f} s, RSS {before['VmRSS']}/{peak['VmRSS']}/{after['VmRSS']} MB, "
              f"RssAnon {before['RssAnon']}/{peak['RssAnon']}/{after['RssAnon']} MB — {row['answer']}", flush=True)
    if args.out:
        with open(args.out, 'a') as f:
            for row in results:
                f.write(json.dumps(row, ensure_ascii=False) + '\n')


def template_code(args):
    """Prints the first credit code of the provider's pre-filled import template (an enterprise that granted it)."""
    client = Client(args.url)
    client.login(args.login, args.password)
    status, body, _ = client.request('/Providers/Import?handler=Template')
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        text = ''.join(z.read(n).decode() for n in z.namelist() if n.endswith('.xml'))
    print(re.findall(r'>(9[0-9A-Z]{17})<', text)[0])


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest='cmd', required=True)
    g = sub.add_parser('generate')
    g.add_argument('outdir')
    g.add_argument('--code', default='91320505MA1XXXXXXX', help='a credit code the provider is granted (for baseline.xlsx)')
    m = sub.add_parser('measure')
    m.add_argument('--url', required=True)
    m.add_argument('--pid', required=True, type=int)
    m.add_argument('--login', required=True)
    m.add_argument('--password', required=True)
    m.add_argument('--after', type=float, default=10)
    m.add_argument('--out', help='append one JSON line per file')
    m.add_argument('--parallel', type=int, default=1, help='upload each file this many times at once')
    m.add_argument('files', nargs='+')
    c = sub.add_parser('template-code')
    c.add_argument('--url', required=True)
    c.add_argument('--login', required=True)
    c.add_argument('--password', required=True)
    a = p.parse_args()
    if a.cmd == 'generate':
        generate(a.outdir, a.code)
    elif a.cmd == 'template-code':
        template_code(a)
    else:
        measure(a)


if __name__ == '__main__':
    main()

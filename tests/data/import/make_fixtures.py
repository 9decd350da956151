#!/usr/bin/python3
"""make_fixtures.py - writes the source tables the reader tests import
(tests/unit/test_grid.c). The outputs are committed, so the C tests need
no Python; run this again (Debian: python3-docx, python3-openpyxl) only to
change them:

    /usr/bin/python3 tests/data/import/make_fixtures.py

It also writes the seeds of the source fuzz harness (tests/fuzz/seeds/source).
The tasks are made up: a 2020 city plan (Word), a 2019 county plan
(Excel), a 2019 district plan (GBK CSV), a 2020 TSV and small cases. Zip
members get a fixed time stamp so that running this again changes nothing.
"""
import html
import io
import os
import re
import struct
import zipfile
import zlib

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2020, 1, 1, 0, 0, 0)


def path(name):
    return os.path.join(HERE, name)


def write(name, data):
    with open(path(name), "wb") as out:
        out.write(data)


def rezip(name, edit=None, extra=None):
    """Rewrites a zip with fixed time stamps; edit(member, bytes) may change
    members, extra() gives members to add (after the edits)."""
    with zipfile.ZipFile(path(name)) as old:
        members = [(info.filename, old.read(info.filename)) for info in old.infolist()]
    if edit:
        members = [(member, edit(member, data)) for member, data in members]
    if extra:
        members += list(extra().items())
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as new:
        for member, data in members:
            info = zipfile.ZipInfo(member, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(info, data)


def fixed_properties(document_or_workbook):
    import datetime
    when = datetime.datetime(2020, 1, 1)
    props = document_or_workbook.core_properties if hasattr(document_or_workbook, "core_properties") \
        else document_or_workbook.properties
    props.created = when
    props.modified = when
    if hasattr(props, "last_modified_by"):
        props.last_modified_by = "duty"


# ---- Word ----

def set_cell_property(cell, name, value=None):
    properties = cell._tc.get_or_add_tcPr()
    element = OxmlElement(name)
    if value is not None:
        element.set(qn("w:val"), value)
    properties.append(element)


def mark_header_row(row):
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    properties.append(element)


def word_plan():
    """A 2020 city plan: title paragraphs, a layout table without a header
    before the real one, a two-row header (序号... merged down, 责任单位
    across 牵头单位 and 配合单位), multi-paragraph cells, a line break, a
    units cell merged over two rows, a nested table, the header again
    (as after a page break) and a leap-day deadline."""
    document = docx.Document()
    fixed_properties(document)
    document.add_paragraph("附件1")
    document.add_paragraph("2020年某市食品安全重点工作任务分解表")
    layout = document.add_table(rows=1, cols=2)
    layout.cell(0, 0).text = "文号：某食安委〔2020〕1号"
    layout.cell(0, 1).text = "印发日期：2020年1月10日"
    document.add_paragraph("")
    document.add_paragraph("（按责任单位排列）")

    table = document.add_table(rows=2, cols=5)
    table.style = "Table Grid"
    top, second = table.rows[0], table.rows[1]
    mark_header_row(top)
    mark_header_row(second)
    for index, name in enumerate(["序号", "重点工作", "年度进度要求"]):
        top.cells[index].text = name
        set_cell_property(top.cells[index], "w:vMerge", "restart")
        set_cell_property(second.cells[index], "w:vMerge")
    merged = top.cells[3].merge(top.cells[4])   # python-docx writes w:gridSpan
    merged.text = "责任单位"
    second.cells[3].text = "牵头单位"
    second.cells[4].text = "配合单位"

    def add(number, title, paragraphs, lead, support):
        cells = table.add_row().cells
        cells[0].text = number
        cells[1].text = title
        cells[2].text = paragraphs[0]
        for more in paragraphs[1:]:
            cells[2].add_paragraph(more)
        cells[3].text = lead
        cells[4].text = support
        return cells

    add("1", "完善食品安全责任制",
        ["3月底前制定年度考核方案。", "6月底前完成半年评估。"], "市食安办", "市市场监管局")
    cells = add("2", "强化校园食品安全", ["每季度末前开展一次学校食堂检查。"], "", "市教育局")
    # 市食安办 leads task 1 and task 2: one cell merged over both rows.
    row1_lead = table.rows[2].cells[3]
    set_cell_property(row1_lead, "w:vMerge", "restart")
    set_cell_property(cells[3], "w:vMerge")

    cells = add("3", "推进农贸市场改造", ["2月29日前完成摸底。"], "市市场监管局", "")
    support = cells[4].paragraphs[0]
    support.add_run("各县（市、区）政府、")
    support.add_run().add_break(WD_BREAK.LINE)
    support.add_run("功能区管委会")

    # The header again, as Word repeats it on a new page of a pasted table.
    again = table.add_row()
    for index, name in enumerate(["序号", "重点工作", "年度进度要求", "牵头单位", "配合单位"]):
        again.cells[index].text = name

    cells = add("4", "开展专项整治", ["上半年完成以下整治："], "市公安局", "市农业农村局")
    nested = cells[2].add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "保健食品"
    nested.cell(0, 1).text = "农村集体聚餐"

    document.add_paragraph("注：各单位于每月5日前报送进展。")
    document.save(path("plan_2020.docx"))
    rezip("plan_2020.docx")


def word_without_table():
    document = docx.Document()
    fixed_properties(document)
    document.add_paragraph("2020年某市食品安全工作要点")
    document.add_paragraph("一、完善食品安全责任制。3月底前制定年度考核方案。")
    document.save(path("no_table.docx"))
    rezip("no_table.docx")


def word_broken_xml():
    """The plan with its document.xml cut in the middle of the table."""
    def cut(member, data):
        if member == "word/document.xml":
            return data[: data.index(b"<w:tbl>", data.index(b"<w:tbl>") + 1) + 400]
        return data
    with open(path("plan_2020.docx"), "rb") as source:
        write("broken_xml.docx", source.read())
    rezip("broken_xml.docx", cut)


def word_features():
    """A hand-written document.xml in UTF-16 with what python-docx does not
    write: tracked changes (an insertion kept, a deletion and a move away
    left out), a text box with its fallback (neither is table text), a
    tab, a carriage return, a non-breaking hyphen, a row that starts one
    grid column in (w:gridBefore) and a header in the default namespace."""
    document = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        '<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><body>'
        '<p><r><t>2020年</t></r><ins><r><t>某市</t></r></ins><del><r><delText>某县</delText></r></del>'
        '<r><t>任务表</t></r>'
        '<r><mc:AlternateContent><mc:Choice><drawing><txbxContent><p><r><t>文本框</t></r></p></txbxContent>'
        '</drawing></mc:Choice><mc:Fallback><pict><t>备用</t></pict></mc:Fallback></mc:AlternateContent></r></p>'
        '<tbl><tblPr/><tblGrid><gridCol/><gridCol/><gridCol/></tblGrid>'
        '<tr><tc><p><r><t>序号</t></r></p></tc><tc><p><r><t>重点工作</t></r></p></tc>'
        '<tc><p><r><t>责任单位</t></r></p></tc></tr>'
        '<tr><trPr><gridBefore val="1"/></trPr><tc><p><pPr><tabs><tab val="left" pos="720"/></tabs></pPr>'
        '<r><t>完善</t><tab/><t>追溯</t></r><moveFrom><r><t>旧位置</t></r></moveFrom></p></tc>'
        '<tc><p><r><t>市农业</t><cr/><t>农村局</t><noBreakHyphen/><t>甲</t></r></p></tc></tr>'
        '</tbl></body></document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("word/document.xml", STAMP), document.encode("utf-16"))
    write("word_features.docx", buffer.getvalue())


# ---- Excel ----

def excel_plan():
    """A 2019 county plan: a notes sheet first (no header), then the task
    sheet with a merged title row, a blank row, the header, numbers, a
    date with a built-in format and one with a Chinese custom format, a
    units cell merged down two rows, shared, rich and inline strings; a
    third sheet with a header of its own (not read: the second comes
    first)."""
    workbook = openpyxl.Workbook()
    fixed_properties(workbook)
    notes = workbook.active
    notes.title = "填表说明"
    notes["A1"] = "本表由县食安办汇总，请于每月5日前更新。"

    sheet = workbook.create_sheet("任务表")
    sheet["A1"] = "2019年某县食品安全重点工作任务清单"
    sheet.merge_cells("A1:F1")
    header = ["序号", "工作任务", "工作要求", "牵头单位", "配合单位", "完成时限"]
    for column, name in enumerate(header, start=1):
        sheet.cell(row=3, column=column, value=name)
    import datetime
    rows = [
        (1, "强化校园食品安全", "学校食堂“明厨亮灶”覆盖率达到95.5%以上。", "县教育局", "县市场监管局",
         datetime.date(2019, 6, 30), "mm-dd-yy"),
        (2, "开展农村家宴整治", "每月底前报送家宴备案情况。", None, "各乡镇人民政府",
         datetime.date(2019, 12, 31), 'yyyy"年"m"月"d"日"'),
        (3, "推进追溯体系建设", "全年抽检 4.5 批次/千人。", "县农业农村局", "", None, None),
    ]
    for offset, (number, title, requirement, lead, support, when, style) in enumerate(rows):
        row = 4 + offset
        sheet.cell(row=row, column=1, value=number)
        sheet.cell(row=row, column=2, value=title)
        sheet.cell(row=row, column=3, value=requirement)
        if lead:
            sheet.cell(row=row, column=4, value=lead)
        sheet.cell(row=row, column=5, value=support)
        if when:
            cell = sheet.cell(row=row, column=6, value=when)
            cell.number_format = style
    sheet.merge_cells("D4:D5")          # 县教育局 leads tasks 1 and 2
    sheet["G4"] = 0.3                   # a plain number, shown as 0.3
    sheet["G5"] = 1234567
    sheet["G6"] = 0.95
    sheet["G6"].number_format = "0%"
    sheet["H4"] = True

    other = workbook.create_sheet("附表")
    other["A1"] = "序号"
    other["B1"] = "工作任务"
    other["A2"] = 1
    other["B2"] = "附表中的任务"
    workbook.save(path("plan_2019.xlsx"))

    # This openpyxl writes every string inline: move them to a shared
    # strings part as Excel does, except B5 (kept inline, with an escaped
    # line break). One shared string gets rich-text runs and a phonetic
    # guide (not text); H6 gets a formula's text result.
    strings = []

    def share(match):
        reference, attributes, content = match.group(1), match.group(2), html.unescape(match.group(3))
        if reference == "B5":
            return '<c r="B5"%st="inlineStr"><is><t>开展农村_x000D_\n家宴整治</t></is></c>' % attributes
        strings.append(content)
        return '<c r="%s"%st="s"><v>%d</v></c>' % (reference, attributes, len(strings) - 1)

    def edit(member, data):
        text = data.decode("utf-8")
        if member.startswith("xl/worksheets/"):
            text = re.sub(r'<c r="([A-Z]+\d+)"([^>]*?)t="inlineStr"><is><t>(.*?)</t></is></c>', share, text)
            text = re.sub(r'<c r="[A-Z]+\d+"[^>]*t="inlineStr"></c>', "", text)   # empty strings
        if member == "xl/worksheets/sheet2.xml":
            text, count = re.subn(r'(<c r="G6"[^>]*>.*?</c>)',
                                  r'\1<c r="H6" t="str"><f>"合"&amp;"计"</f><v>合计</v></c>', text)
            assert count == 1, "G6 not found"
        if member == "[Content_Types].xml":
            text = text.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>")
        if member == "xl/_rels/workbook.xml.rels":
            text = text.replace("</Relationships>", '<Relationship Id="rIdShared" Type="http://schemas.'
                                'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                                'Target="sharedStrings.xml"/></Relationships>')
        return text.encode("utf-8")

    def shared_strings():
        items = []
        for content in strings:
            if content == "推进追溯体系建设":
                items.append("<si><r><t>推进</t></r><r><rPr><b/></rPr><t>追溯体系</t></r><r><t>建设</t></r>"
                             '<rPh sb="0" eb="2"><t>tuījìn</t></rPh></si>')
            else:
                items.append("<si><t>%s</t></si>" % html.escape(content, quote=False))
        xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
               'uniqueCount="%d">%s</sst>' % (len(items), len(items), "".join(items)))
        return {"xl/sharedStrings.xml": xml.encode("utf-8")}
    rezip("plan_2019.xlsx", edit, shared_strings)


def excel_numbers():
    """A hand-written workbook (no shared strings) with numbers as Excel
    writes them and formats to tell dates from times and percentages:
    cells without references, a row without a number, a cell reference
    with $, error and ISO date cells, and a sheet part reached by a
    relationship target with "..". Row 1 is the header."""
    def part(xml):
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml).encode("utf-8")
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    styles = ('<styleSheet %s><numFmts count="4">'
              '<numFmt numFmtId="164" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
              '<numFmt numFmtId="165" formatCode="[h]:mm"/>'
              '<numFmt numFmtId="166" formatCode="m&quot;月&quot;"/>'
              '<numFmt numFmtId="167" formatCode="0.0%%"/></numFmts>'
              '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>'
              '<xf numFmtId="167"/><xf numFmtId="57"/></cellXfs></styleSheet>') % main
    cells = [
        ("5.0000000000000001E-3", ""), ("0.30000000000000004", ""), ("-0", ""), ("1E+20", ""),
        ("123456789012345678", ""), ("-2.5", ""), ("45", ' s="1"'), ("1.5", ' s="2"'), ("44000", ' s="3"'),
        ("0.125", ' s="4"'), ("43891.75", ' s="5"'), ("60", ' s="1"'), ("0x10", ""),
    ]
    row2 = "".join('<c%s><v>%s</v></c>' % (style, value) for value, style in cells)
    header = "".join('<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (column, name)
                     for column, name in (("A", "序号"), ("B", "重点工作")))
    sheet = ('<worksheet %s><sheetData><row r="1">%s</row><row>%s</row><row r="4"><c r="$B$4" t="e"><v>#N/A</v></c>'
             '<c t="d"><v>2020-02-29T00:00:00</v></c><c t="b"><v>0</v></c></row></sheetData></worksheet>'
             % (main, header, row2))
    workbook = ('<workbook %s %s><sheets><sheet name="数字" sheetId="1" r:id="rId1"/></sheets></workbook>'
                % (main, rel))
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="sheets/../worksheets/./data.xml"/></Relationships>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in (("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels),
                          ("xl/styles.xml", styles), ("xl/worksheets/data.xml", sheet)):
            archive.writestr(zipfile.ZipInfo(name, STAMP), part(xml))
    write("numbers.xlsx", buffer.getvalue())


def excel_1904():
    import datetime
    workbook = openpyxl.Workbook()
    fixed_properties(workbook)
    workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["序号", "重点工作", "完成时间"])
    sheet.append([1, "闰日任务", datetime.date(2020, 2, 29)])
    sheet["C2"].number_format = "yyyy-mm-dd"
    workbook.save(path("date1904.xlsx"))
    rezip("date1904.xlsx")


def excel_without_header():
    workbook = openpyxl.Workbook()
    fixed_properties(workbook)
    sheet = workbook.active
    sheet.title = "数据"
    sheet.append(["第一季度", "第二季度"])
    sheet.append([12, 15])
    second = workbook.create_sheet("Sheet2")
    second["A1"] = "空表"
    workbook.save(path("no_header.xlsx"))
    rezip("no_header.xlsx")


def excel_without_sheet():
    """A workbook whose sheet list is empty."""
    excel_without_header()
    def edit(member, data):
        if member == "xl/workbook.xml":
            return re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
        return data
    with open(path("no_header.xlsx"), "rb") as source:
        write("no_sheet.xlsx", source.read())
    rezip("no_sheet.xlsx", edit)


def excel_bad_reference():
    """A worksheet whose cell reference has the row before the column."""
    workbook = openpyxl.Workbook()
    fixed_properties(workbook)
    sheet = workbook.active
    sheet.append(["序号", "重点工作"])
    sheet.append([1, 2])
    workbook.save(path("bad_reference.xlsx"))

    def edit(member, data):
        if member == "xl/worksheets/sheet1.xml":
            data, count = re.subn(rb'r="A2"', b'r="2A"', data)
            assert count == 1
        return data
    rezip("bad_reference.xlsx", edit)


# ---- text ----

def text_sources():
    # GBK, CRLF, a title row above the header, a blank row, a quoted cell.
    lines = [
        "2019年某区食品安全工作要点分工表,,,",
        ",,,",
        "序号,重点工作,年度进度要求,责任单位",
        "1,开展食品安全宣传周活动,6月底前组织宣传周活动。,区食安办",
        "2,加强节日市场监管,\"元旦、春节期间开展专项检查，2月底前报送总结。\",\"区市场监管局、各街道办事处\"",
    ]
    write("plan_gbk_crlf.csv", ("\r\n".join(lines) + "\r\n").encode("gbk"))

    # TSV, UTF-8: a blank line above the header, a repeated header row.
    lines = [
        "2020年某县重点工作任务表",
        "",
        "序号\t重点工作\t年度进度要求\t责任单位",
        "1\t推进智慧监管\t10月底前建成监管平台。\t县市场监管局",
        "序号\t重点工作\t年度进度要求\t责任单位",
        "2\t开展风险监测\t每季度末前报送监测数据。\t县卫生健康局",
    ]
    write("plan_2020.tsv", ("\n".join(lines) + "\n").encode("utf-8"))

    # UTF-8 with a byte order mark; a cell with a line break.
    text = ("序号,重点工作,年度进度要求,责任单位\n"
            "1,完善追溯体系,\"上半年完成系统对接；\n年底前实现全覆盖。\",市农业农村局\n")
    write("plan_bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))

    # The 2018 source's layout, made-up 2020 tasks, CRLF: a units cell
    # that goes on on a line without a tab.
    lines = [
        "附件2", "", "2020年某市食品安全工作责任分工一览表", "",
        "\t序号", "\t重点工作", "\t年度进度要求", "\t责任单位", "",
        "\t1", "\t强化源头治理", "\t4月中旬前完成耕地土壤普查。", "\t市农业农村局、", "市生态环境局", "",
        "\t序号", "\t重点工作", "\t年度进度要求", "\t责任单位", "",
        "\t2", "\t推进放心消费", "\t下半年开展满意度测评。", "\t市市场监管局", "",
    ]
    write("lines_2020_crlf.txt", ("\r\n".join(lines) + "\r\n").encode("utf-8"))

    # Cell lines without tabs: one cell per line, blank lines between rows.
    lines = [
        "2019年某镇食品安全工作安排", "",
        "序号", "重点工作", "责任单位", "",
        "1", "规范小餐饮登记", "镇市场监管所", "",
        "2", "开展节前检查", "镇食安办", "",
    ]
    write("lines_plain.txt", ("\n".join(lines) + "\n").encode("utf-8"))


# ---- malformed ----

def malformed():
    write("empty.txt", b"")
    # The first bytes of a PNG image: signature and header chunk.
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(header)) + b"IHDR" + header
    chunk += struct.pack(">I", zlib.crc32(b"IHDR" + header) & 0xFFFFFFFF)
    write("image.png", b"\x89PNG\r\n\x1a\n" + chunk)
    # An old Word document: the OLE2 compound file signature and zeros.
    write("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    # A ZIP that is neither: a text file in an archive.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("readme.txt", STAMP)
        archive.writestr(info, "序号,重点工作\n")
    write("other.zip", buffer.getvalue())
    # A truncated Word document: the first 60% of the plan.
    with open(path("plan_2020.docx"), "rb") as source:
        data = source.read()
    write("truncated.docx", data[: len(data) * 6 // 10])
    # A member announced as 70 MiB (a zip bomb's shape): refused unread.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("word/document.xml", STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, b"<w:document>" + b" " * (70 * 1024 * 1024) + b"</w:document>")
    write("bomb.docx", buffer.getvalue())


# ---- fuzz seeds (tests/fuzz/seeds/source) ----

def fuzz_seeds():
    """Small whole sources, and the parts of the Word and Excel fixtures
    behind the markers tests/fuzz/fuzz_source.c wraps into an archive."""
    seeds = os.path.join(HERE, "..", "..", "fuzz", "seeds", "source")
    os.makedirs(seeds, exist_ok=True)

    def seed(name, data):
        with open(os.path.join(seeds, name), "wb") as out:
            out.write(data)

    for name in ("plan_2019.xlsx", "numbers.xlsx", "word_features.docx", "plan_gbk_crlf.csv", "plan_2020.tsv",
                 "plan_bom.csv", "lines_2020_crlf.txt", "lines_plain.txt"):
        with open(path(name), "rb") as source:
            seed(name, source.read())
    seed("utf16.txt", "序号\t重点工作\r\n1\t甲\r\n".encode("utf-16"))
    with zipfile.ZipFile(path("plan_2020.docx")) as archive:
        document = archive.read("word/document.xml")
    seed("document.docx.xml", b"DOCX:" + document)
    # A minimal Word document: its document.xml alone, stored.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("word/document.xml", STAMP),
                         '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl><w:tr>'
                         '<w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/>'
                         '</w:tcPr><w:p><w:r><w:t>重点工作</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr>'
                         '<w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>')
    seed("minimal.docx", buffer.getvalue())
    with zipfile.ZipFile(path("plan_2019.xlsx")) as archive:
        seed("sheet.xlsx.xml", b"XLSX:" + archive.read("xl/worksheets/sheet2.xml"))
        seed("shared.xlsx.xml", b"SST:" + archive.read("xl/sharedStrings.xml"))
        seed("styles.xlsx.xml", b"STY:" + archive.read("xl/styles.xml"))
        seed("workbook.xlsx.xml", b"WB:" + archive.read("xl/workbook.xml"))


def main():
    word_plan()
    word_without_table()
    word_broken_xml()
    word_features()
    excel_plan()
    excel_1904()
    excel_numbers()
    excel_without_sheet()   # writes no_header.xlsx too
    excel_bad_reference()
    text_sources()
    malformed()
    fuzz_seeds()


if __name__ == "__main__":
    main()

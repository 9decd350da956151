#!/usr/bin/python3
"""make_import_cases.py - writes the made-up source tables that the
`duty import` tests read (tests/cli/import.test, tests/unit/test_import.c),
one or more in each shape a source comes in: text laid out as the 2018
source (a cell per line), CSV (GBK with a title row; UTF-8 without a
number column), Word (.docx) and Excel (.xlsx). Only the Python standard
library is used; the outputs are committed, so the tests need no Python.
Run it again only to change them:

    python3 tests/data/import/make_import_cases.py

Every task is made up. Zip members get a fixed time stamp so that running
this again changes nothing.
"""
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2020, 1, 1, 0, 0, 0)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(data)


def write_zip(name, members):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in members:
            info = zipfile.ZipInfo(member, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


# ---- text: the 2018 layout ----

def cell_lines(rows):
    """Each row: a block of tab-led lines; a cell with "\n" goes on on a
    line without a tab."""
    lines = []
    for row in rows:
        for cell in row:
            first, *rest = cell.split("\n")
            lines.append("\t" + first)
            lines.extend(rest)
        lines.append("")
    return lines


def text_leap_year():
    """2020 (a leap year): 2月底前 is February 29; monthly and quarterly
    reporting; thirds of a month; a units cell that goes on on the next
    line; 市、县两级; 等部门; targets with <=, Chinese numerals and per-head
    units; the header again on a new page."""
    header = ["序号", "重点工作", "年度进度要求", "责任单位"]
    rows = [header,
            ["1", "压实属地管理责任", "2月底前各县（市、区）制定年度工作方案；11月中旬前完成年度考核。",
             "各县（市、区）政府"],
            ["2", "加强风险监测", "每月10日前报送上月监测数据，全年监测样本不少于1200批次。",
             "市卫生健康委、\n市市场监管局"],
            ["3", "推进学校食堂规范化", "每季度末前报送检查情况；建成两个省级示范食堂。", "市教育局、市市场监管局等部门"],
            header,
            ["4", "整治农村集体聚餐", "上半年完成厨师登记，第三季度末前开展一次集中培训，食物中毒发生率控制在3/10万以下。",
             "市、县两级卫生健康部门"],
            ["5", "提升基层监管能力", "培育十二家规范化食品小作坊。", "市市场监管局"],
            ]
    lines = ["附件", "", "2020年某市食品安全工作责任分工一览表", ""] + cell_lines(rows)
    write("leap_2020.txt", ("\n".join(lines) + "\n").encode("utf-8"))


# ---- CSV ----

def csv_field(text):
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(rows, newline):
    return newline.join(",".join(csv_field(cell) for cell in row) for row in rows) + newline


def csv_gbk_title_row():
    """GBK with CRLF as Chinese Excel saves it: a title row and a blank row
    above the header, other header names (编号, 主要任务, 工作内容, 承办单位,
    协办单位, 时间节点), a deadline column, a heading row, a row without a
    number that goes on with the task above."""
    rows = [
        ["2022年某区食品安全重点工作任务清单", "", "", "", "", ""],
        ["", "", "", "", "", ""],
        ["编号", "主要任务", "工作内容", "承办单位", "协办单位", "时间节点"],
        ["一、源头治理", "", "", "", "", ""],
        ["1", "开展农药残留专项整治", "完成蔬菜基地农药残留快检。", "区农业农村局", "区市场监管局", "2022年9月30日"],
        ["2", "规范畜禽屠宰", "生猪定点屠宰率达到100%。", "区农业农村局", "", "2022年6月底前"],
        ["", "规范畜禽屠宰", "建立病害猪无害化处理台账。", "区农业农村局", "", "2022年12月底前"],
        ["二、过程监管", "", "", "", "", ""],
        ["3", "推进“互联网+明厨亮灶”", "新增接入餐饮单位不少于300家。", "区市场监管局", "各街道办事处", "长期坚持"],
    ]
    write("gbk_title_2022.csv", csv_text(rows, "\r\n").encode("gbk"))


def csv_without_numbers():
    """UTF-8 without a byte order mark, without a title and without a
    number column: the tasks are numbered 1..N, the year comes from the
    dates of the deadline column. Two deadlines the rule cannot use: one
    it does not know, one in the next year."""
    rows = [
        ["重点任务", "具体措施", "牵头部门", "配合部门", "完成时限"],
        ["完善应急预案", "修订食品安全事故应急预案并组织一次演练。", "市食安办", "市卫生健康委", "2023-06-30"],
        ["强化进口冷链监管", "每半年开展一次进口冷链食品专项检查。", "市市场监管局", "", "2023-12-31"],
        ["推进信用监管", "食品生产企业信用档案建档率不低于98%。", "市市场监管局", "市发改委", "2023-11-30"],
        ["开展满意度测评", "委托第三方开展食品安全满意度测评。", "市食安办", "", "按省统一部署"],
        ["谋划下年度工作", "研究提出下一年度重点工作建议。", "市食安办", "", "2024年1月底前"],
    ]
    write("no_number_2023.csv", csv_text(rows, "\n").encode("utf-8"))


# ---- odd and hostile tables a clerk may have ----

def csv_odd_cases():
    """One CSV file per odd input, each named for what it tests."""
    header = ["序号", "重点工作", "年度进度要求", "责任单位", "完成时限"]
    cases = {
        # the requirement column is there, but two of its cells are empty
        "empty_requirements.csv": [
            ["2019年某市食品安全重点工作任务"], header,
            ["1", "完善食品追溯体系", "", "市农业局", "6月底前"],
            ["2", "加强食品抽检", "全年完成抽检1200批次。", "市市场监管局", ""],
            ["3", "开展食品安全宣传周", "", "市食安办", ""],
        ],
        # a units cell that says only 等
        "units_only_etc.csv": [
            ["2019年某市食品安全重点工作任务"], header,
            ["1", "完善食品追溯体系", "6月底前建成追溯平台。", "市农业局", ""],
            ["2", "加强食品抽检", "全年完成抽检1200批次。", "等", ""],
        ],
        # the header again on a new page, spaced otherwise, with a colon and
        # full-width letters; then a two-row header (责任单位 over 牵头单位
        # and 配合单位) repeated the same way
        "header_repeated_spacing.csv": [
            ["2019年某市食品安全重点工作任务"],
            ["序号", "重点工作", "年度进度要求", "责任单位", "", "完成时限"],
            ["", "", "", "牵头单位", "配合单位", ""],
            ["1", "完善食品追溯体系", "6月底前建成追溯平台。", "市农业局", "市市场监管局", ""],
            ["序　号", "重 点 工 作", "年度进度\n要求", "责任单位：", "", "完成时限（时间节点）"],
            ["", "", "", "牵 头 单 位", "配合单位", ""],
            ["2", "加强食品抽检", "全年完成抽检1200批次。", "市市场监管局", "", "年底前"],
        ],
        # the year in the title in Chinese numerals
        "year_in_chinese_numerals.csv": [
            ["二〇一九年某市食品安全重点工作任务"], header,
            ["1", "完善食品追溯体系", "6月底前建成追溯平台。", "市农业局", ""],
        ],
        # a deadline column saved from Excel as serial day numbers, no year
        # in the title
        "deadline_excel_serials.csv": [
            ["某市食品安全重点工作任务"], header,
            ["1", "完善食品追溯体系", "建成追溯平台。", "市农业局", "43646"],
            ["2", "加强食品抽检", "完成抽检1200批次。", "市市场监管局", "43830"],
        ],
        # a requirement with a comma outside quotes: its row has one cell
        # more than the header, and the units moved a column to the right
        "rows_wider_than_header.csv": [
            ["2019年某市食品安全重点工作任务"], header[:4],
            ["1", "完善食品追溯体系", "6月底前建成追溯平台", "年底前完成验收。", "市农业局"],
            ["2", "加强食品抽检", "全年完成抽检1200批次。", "市市场监管局"],
        ],
    }
    for name, rows in cases.items():
        write(name, csv_text(rows, "\n").encode("utf-8"))


# ---- Word ----

def w_paragraphs(text):
    return "".join("<w:p><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>" % escape(line)
                   for line in text.split("\n"))


def w_cell(text, merge=None, span=None):
    properties = ""
    if span:
        properties += '<w:gridSpan w:val="%d"/>' % span
    if merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        properties += "<w:vMerge/>"
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (properties, w_paragraphs(text) if text else "<w:p/>")


def w_row(cells, header=False):
    properties = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return "<w:tr>%s%s</w:tr>" % (properties, "".join(cells))


def word_document(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body>%s<w:sectPr/></w:body></w:document>" % body)


def word_package(name, document):
    write_zip(name, [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml", document),
    ])


def word_lead_support():
    """2019: a 牵头/配合 layout with a deadline column. A two-row header
    (责任单位 over 牵头单位 and 配合单位), a lead cell merged down over two
    tasks, a requirement of two paragraphs, a unit marked （牵头） in the
    support cell, a heading row, the header again, units the shipped
    directory has and some it does not."""
    top = w_row([w_cell("序号", "restart"), w_cell("重点工作", "restart"), w_cell("年度进度要求", "restart"),
                 w_cell("责任单位", span=2), w_cell("完成时限", "restart")], header=True)
    second = w_row([w_cell("", "continue"), w_cell("", "continue"), w_cell("", "continue"),
                    w_cell("牵头单位"), w_cell("配合单位"), w_cell("", "continue")], header=True)
    rows = [
        w_row([w_cell("一、强化责任落实", span=6)]),
        w_row([w_cell("1"), w_cell("落实食品安全党政同责"), w_cell("制定党政领导干部食品安全责任清单。\n开展年度述职评议。"),
               w_cell("市食安办", "restart"), w_cell("各县（市、区）政府"), w_cell("2019年6月底前")]),
        w_row([w_cell("2"), w_cell("完善考核评价机制"), w_cell("修订食品安全工作考核办法，考核结果优秀率不超过30%。"),
               w_cell("", "continue"), w_cell("市委组织部"), w_cell("2019年9月30日")]),
        w_row([w_cell("序号"), w_cell("重点工作"), w_cell("年度进度要求"), w_cell("牵头单位"), w_cell("配合单位"),
               w_cell("完成时限")]),
        w_row([w_cell("3"), w_cell("推进食用农产品合格证制度"), w_cell("每季度末前通报合格证开具情况。"),
               w_cell("市农业局"), w_cell("市市场监管局（牵头）、市财政局"), w_cell("每季度末")]),
        w_row([w_cell("4"), w_cell("加强食品安全宣传"), w_cell("组织食品安全宣传周活动。"),
               w_cell("市市场监管局"), w_cell("市教育局、市卫计委"), w_cell("持续推进")]),
    ]
    body = (w_paragraphs("附件2") + w_paragraphs("2019年温州市食品安全工作任务分解表")
            + "<w:tbl><w:tblPr/><w:tblGrid>%s</w:tblGrid>%s%s%s</w:tbl>"
            % ("<w:gridCol/>" * 6, top, second, "".join(rows))
            + w_paragraphs("注：各单位于每月5日前报送进展。"))
    word_package("lead_support_2019.docx", word_document(body))


def w_numbered_cell():
    """A cell whose paragraph is numbered by Word's automatic list
    numbering (w:numPr): Word shows "1." and so on, but the document holds
    no text for it."""
    return ('<w:tc><w:tcPr/><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
            "</w:pPr></w:p></w:tc>")


def word_automatic_numbers():
    """2024: the 序号 column numbered by Word's automatic list numbering, so
    every number cell is empty; no title column (the requirement stands
    for it), a heading row merged across."""
    header = w_row([w_cell("序号"), w_cell("工作内容"), w_cell("责任单位"), w_cell("完成时限")], header=True)
    rows = [
        w_row([w_cell("一、监督抽检", span=4)]),
        w_row([w_numbered_cell(), w_cell("制定年度食品安全抽检计划。"), w_cell("县市场监管局"), w_cell("3月底前")]),
        w_row([w_numbered_cell(), w_cell("开展校园食品安全守护行动，检查学校食堂不少于200家次。"),
               w_cell("县教育局、县市场监管局"), w_cell("9月30日前")]),
        w_row([w_cell("二、源头治理", span=4)]),
        w_row([w_numbered_cell(), w_cell("每季度末前通报农药残留监测结果。"), w_cell("县农业农村局"), w_cell("")]),
        w_row([w_numbered_cell(), w_cell("完成全县食品安全满意度调查。"), w_cell("县食安办"), w_cell("年底前")]),
    ]
    body = (w_paragraphs("2024年某县食品安全重点工作安排")
            + "<w:tbl><w:tblPr/><w:tblGrid>%s</w:tblGrid>%s%s</w:tbl>" % ("<w:gridCol/>" * 4, header, "".join(rows)))
    word_package("automatic_numbers_2024.docx", word_document(body))


# ---- Excel ----

def excel_wider_rows():
    """2019: notes beside the table, in columns the header does not name:
    left out, the cells in the table are where they belong."""
    rows = [
        ["2019年某市食品安全重点工作任务", None, None, None, None, None],
        ["序号", "重点工作", "年度进度要求", "责任单位", None, None],
        [1, "完善食品追溯体系", "6月底前建成追溯平台。", "市农业局", None, "已报分管领导"],
        [2, "加强食品抽检", "全年完成抽检1200批次。", "市市场监管局", None, None],
    ]
    excel_package("rows_wider_than_header.xlsx", "任务", rows, ["A1:D1"])


def column_letter(index):
    return "ABCDEFGHIJ"[index]


def x_cell(reference, value):
    if value is None:
        return ""
    if isinstance(value, tuple):          # (serial, style): a date
        return '<c r="%s" s="%d"><v>%d</v></c>' % (reference, value[1], value[0])
    if isinstance(value, (int, float)):
        return '<c r="%s"><v>%s</v></c>' % (reference, value)
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (reference, escape(value))


def excel_package(name, sheet_name, rows, merges):
    sheet_rows = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(x_cell("%s%d" % (column_letter(i), number), value) for i, value in enumerate(row))
        sheet_rows.append('<row r="%d">%s</row>' % (number, cells))
    merge_xml = ""
    if merges:
        merge_xml = '<mergeCells count="%d">%s</mergeCells>' % (
            len(merges), "".join('<mergeCell ref="%s"/>' % ref for ref in merges))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             "<sheetData>%s</sheetData>%s</worksheet>" % ("".join(sheet_rows), merge_xml))
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
              "</styleSheet>")
    write_zip(name, [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'spreadsheetml.styles+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         '<sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>' % escape(sheet_name)),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'worksheet" Target="worksheets/sheet1.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'styles" Target="styles.xml"/></Relationships>'),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet),
    ])


def excel_serial(year, month, day):
    import datetime
    return (datetime.date(year, month, day) - datetime.date(1899, 12, 30)).days


def excel_reporting():
    """2021: monthly and quarterly reporting in a sheet with a title row
    merged across, a blank row, dates stored as Excel serial numbers, an
    extra column (备注) and a number column whose numbers Excel keeps as
    numbers."""
    date = lambda m, d: (excel_serial(2021, m, d), 1)
    rows = [
        ["2021年某县食品安全工作任务分工表", None, None, None, None, None],
        [None, None, None, None, None, None],
        ["序号", "工作任务", "工作要求", "责任单位", "完成时间", "备注"],
        [1, "食品安全状况月报", "每月底前报送食品安全状况分析。", "县市场监管局", None, "报县食安办"],
        [2, "抽检信息季度公开", "每季度末前公开抽检信息，抽检合格率稳定在97%以上。", "县市场监管局、县农业农村局", None, ""],
        [3, "放心农贸市场创建", "创建放心农贸市场3家。", "各乡镇（街道）", date(10, 31), ""],
        [4, "校园周边整治", "开展校园周边食品安全专项整治。", "县教育局、县市场监管局", date(9, 1), "开学前"],
    ]
    excel_package("reporting_2021.xlsx", "任务分工", rows, ["A1:F1"])


if __name__ == "__main__":
    text_leap_year()
    csv_gbk_title_row()
    csv_without_numbers()
    word_lead_support()
    word_automatic_numbers()
    excel_reporting()
    csv_odd_cases()
    excel_wider_rows()

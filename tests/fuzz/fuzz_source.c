/*
 * fuzz_source.c - libFuzzer harness for the source readers (grid.h). The
 * input is read as a whole source file (text, CSV, TSV, a ZIP archive, or
 * anything else). Mutated archives mostly fail their checksums, so an
 * input that starts with a part's marker is put into a fresh, valid
 * archive instead, beside fixed other parts, to reach the XML readers:
 *
 *   DOCX: word/document.xml          XLSX: a worksheet
 *   SST:  xl/sharedStrings.xml       STY:  xl/styles.xml
 *   WB:   xl/workbook.xml
 *
 * A grid that comes back must keep the readers' promises: a row the header
 * test accepts, cells of valid UTF-8 without CR or surrounding spaces, row
 * lines above zero, and an error for every NULL. tests/fuzz/source.dict
 * gives libFuzzer the parts' vocabulary.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "duty/grid.h"
#include "duty/utf8.h"
#include "fuzzing.h"

/* A header has 序号 or 重点工作, or (easy for mutations to keep) a cell
 * starting with H. */
static bool is_header(const struct grid_row *row, void *context)
{
	(void)context;
	for (size_t i = 0; i < row->count; i++)
		if (strcmp(row->cells[i], "序号") == 0 || strcmp(row->cells[i], "重点工作") == 0
		    || row->cells[i][0] == 'H')
			return true;
	return false;
}

static const char workbook[] =
	"<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets><sheet name=\"表\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"二\" r:id=\"rId2\"/></sheets></workbook>";
static const char relationships[] =
	"<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"x/worksheet\" Target=\"/xl/worksheets/../worksheets/sheet2.xml\"/>"
	"</Relationships>";
static const char shared[] = "<sst><si><t>序号</t></si><si><r><t>重点</t></r><r><t>工作</t></r></si>"
			     "<si><t>1_x000D_2</t></si></sst>";
static const char styles[] = "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m"
			     "&quot;月&quot;\"/></numFmts><cellXfs><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
			     "<xf numFmtId=\"9\"/></cellXfs></styleSheet>";
static const char sheet[] = "<worksheet><sheetData><row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" "
			    "t=\"s\"><v>1</v></c></row><row><c t=\"n\" s=\"1\"><v>43830</v></c><c s=\"3\"><v>0.5"
			    "</v></c></row></sheetData><mergeCells><mergeCell ref=\"A3:A5\"/></mergeCells></worksheet>";

struct part {
	const char *name;
	const void *data;
	size_t size;
};

/* Writes the parts into a ZIP archive in memory; NULL if libzip fails. */
static void *make_archive(const struct part *parts, size_t count, size_t *size)
{
	zip_error_t error;
	zip_error_init(&error);
	zip_source_t *buffer = zip_source_buffer_create(NULL, 0, 0, &error);
	zip_t *archive = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &error) : NULL;
	void *bytes = NULL;
	if (!archive) {
		if (buffer)
			zip_source_free(buffer);
		zip_error_fini(&error);
		return NULL;
	}
	zip_source_keep(buffer);
	for (size_t i = 0; i < count; i++) {
		zip_source_t *member = zip_source_buffer(archive, parts[i].data, parts[i].size, 0);
		zip_int64_t index = member ? zip_file_add(archive, parts[i].name, member, ZIP_FL_OVERWRITE) : -1;
		/* Stored, not deflated: the harness spends its time reading. */
		if (index < 0 || zip_set_file_compression(archive, (zip_uint64_t)index, ZIP_CM_STORE, 0) < 0) {
			if (index < 0)
				zip_source_free(member);
			zip_discard(archive);
			zip_source_free(buffer);
			zip_error_fini(&error);
			return NULL;
		}
	}
	if (zip_close(archive) != 0) {
		zip_discard(archive);
		zip_source_free(buffer);
		zip_error_fini(&error);
		return NULL;
	}
	zip_stat_t status;
	if (zip_source_stat(buffer, &status) == 0 && (status.valid & ZIP_STAT_SIZE) && zip_source_open(buffer) == 0) {
		bytes = malloc(status.size ? status.size : 1);
		if (bytes && zip_source_read(buffer, bytes, status.size) != (zip_int64_t)status.size) {
			free(bytes);
			bytes = NULL;
		}
		*size = status.size;
		zip_source_close(buffer);
	}
	zip_source_free(buffer);
	zip_error_fini(&error);
	return bytes;
}

static void check(const struct grid *grid)
{
	bool header = false;
	for (size_t r = 0; r < grid->row_count; r++) {
		const struct grid_row *row = &grid->rows[r];
		if (row->line < 1 || row->count == 0)
			abort();
		header = header || is_header(row, NULL);
		for (size_t c = 0; c < row->count; c++) {
			size_t length = strlen(row->cells[c]);
			if (utf8_validate(row->cells[c], length) != length || memchr(row->cells[c], '\r', length))
				abort();
			if (length && (row->cells[c][0] == ' ' || row->cells[c][length - 1] == ' '))
				abort();
		}
	}
	for (size_t i = 0; i < grid->preface_count; i++)
		if (grid->preface[i][0] == '\0')
			abort();
	if (!header)
		abort();
}

static void read_source(const void *bytes, size_t size)
{
	struct diagnostics diag;
	diagnostics_init(&diag, 8);
	struct grid *grid = source_read_bytes("fuzz", bytes, size, ENCODING_AUTO, is_header, NULL, &diag);
	if (grid)
		check(grid);
	if ((grid == NULL) != (diag.errors > 0))
		abort();
	grid_free(grid);
	for (size_t i = 0; i < diag.kept_count; i++)
		free(diagnostic_format(&diag.kept[i]));
	diagnostics_free(&diag);
}

static bool take_marker(const uint8_t **data, size_t *size, const char *marker)
{
	size_t length = strlen(marker);
	if (*size < length || memcmp(*data, marker, length) != 0)
		return false;
	*data += length;
	*size -= length;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct part parts[6] = {
		{ "xl/workbook.xml", workbook, sizeof workbook - 1 },
		{ "xl/_rels/workbook.xml.rels", relationships, sizeof relationships - 1 },
		{ "xl/sharedStrings.xml", shared, sizeof shared - 1 },
		{ "xl/styles.xml", styles, sizeof styles - 1 },
		{ "xl/worksheets/sheet1.xml", sheet, sizeof sheet - 1 },
		{ "xl/worksheets/sheet2.xml", sheet, sizeof sheet - 1 },
	};
	struct part *replaced = NULL;
	size_t count = 6;
	if (take_marker(&data, &size, "DOCX:")) {
		parts[0] = (struct part){ "word/document.xml", data, size };
		count = 1;
	} else if (take_marker(&data, &size, "XLSX:")) {
		replaced = &parts[4];
	} else if (take_marker(&data, &size, "SST:")) {
		replaced = &parts[2];
	} else if (take_marker(&data, &size, "STY:")) {
		replaced = &parts[3];
	} else if (take_marker(&data, &size, "WB:")) {
		replaced = &parts[0];
	} else {
		read_source(data, size);
		return 0;
	}
	if (replaced) {
		replaced->data = data;
		replaced->size = size;
	}
	size_t archive_size = 0;
	void *archive = make_archive(parts, count, &archive_size);
	if (archive)
		read_source(archive, archive_size);
	free(archive);
	return 0;
}

/*
 * import_header.c - the header row of a received table, found by the
 * names of its columns, and which column holds what.
 */
#include "duty/import_header.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duty/i18n.h"
#include "duty/plan.h"
#include "duty/strbuf.h"
#include "duty/text.h"
#include "duty/utf8.h"
#include "import_cells.h"

/* Header texts, compared without spaces and full-width forms. */
static const char *const header_names[ROLE_COUNT][12] = {
	[ROLE_NUMBER] = { "序号", "编号", "序", NULL },
	[ROLE_TITLE] = { "重点工作", "工作任务", "任务", "主要任务", "重点任务", "任务名称", "工作事项", NULL },
	[ROLE_REQUIREMENT] = { "年度进度要求", "工作要求", "工作目标", "具体措施", "工作内容", "进度要求", "目标任务",
			       "具体内容", "主要内容", "工作举措", "具体任务", NULL },
	[ROLE_UNITS] = { "责任单位", "承办单位", "责任部门", "实施单位", NULL },
	[ROLE_LEAD] = { "牵头单位", "牵头部门", "主办单位", "主责单位", NULL },
	[ROLE_SUPPORT] = { "配合单位", "协办单位", "配合部门", "协同单位", NULL },
	[ROLE_DEADLINE] = { "完成时限", "时间节点", "完成时间", "时限", "完成期限", "时限要求", "时间要求", NULL },
};

/* A header cell as a key: no spaces, full-width letters and digits as
 * ASCII, no colon at the end. */
static void header_key(const char *cell, struct strbuf *key)
{
	size_t length = strlen(cell);
	strbuf_clear(key);
	for (size_t at = 0; at < length;) {
		size_t space = cell_space_at(cell, length, at);
		if (space) {
			at += space;
			continue;
		}
		uint32_t codepoint;
		size_t used = utf8_decode(cell + at, length - at, &codepoint);
		if (used == 0)
			used = 1;
		if (codepoint >= 0xFF01 && codepoint <= 0xFF5E && codepoint != 0xFF08 && codepoint != 0xFF09)
			strbuf_putc(key, (char)(codepoint - 0xFF01 + 0x21));
		else
			strbuf_append(key, cell + at, used);
		at += used;
	}
	while (key->length && (key->data[key->length - 1] == ':' || text_ends_at(key->data, key->length, "：")))
		key->length -= key->data[key->length - 1] == ':' ? 1 : strlen("：");
	if (key->data)
		key->data[key->length] = '\0';
}

static enum column_role role_of_key(const char *key, size_t length)
{
	for (int role = 0; role < ROLE_COUNT; role++)
		for (size_t i = 0; header_names[role][i]; i++)
			if (strlen(header_names[role][i]) == length && memcmp(key, header_names[role][i], length) == 0)
				return (enum column_role)role;
	return ROLE_OTHER;
}

/* The role a header cell names: "完成时限（时间节点）" is 完成时限. */
static enum column_role role_of_header(const char *cell, struct strbuf *key)
{
	header_key(cell, key);
	const char *text = strbuf_text(key);
	enum column_role role = role_of_key(text, key->length);
	if (role != ROLE_OTHER)
		return role;
	static const char *const openings[] = { "（", "(", NULL };
	for (size_t i = 0; openings[i]; i++) {
		const char *bracket = strstr(text, openings[i]);
		if (bracket && bracket > text)
			return role_of_key(text, (size_t)(bracket - text));
	}
	return ROLE_OTHER;
}

bool import_is_header(const struct grid_row *row, void *context)
{
	(void)context;
	bool seen[ROLE_COUNT] = { false };
	size_t distinct = 0;
	struct strbuf key = STRBUF_INIT;
	for (size_t c = 0; c < row->count; c++) {
		enum column_role role = role_of_header(row->cells[c], &key);
		if (role != ROLE_OTHER && !seen[role]) {
			seen[role] = true;
			distinct++;
		}
	}
	strbuf_free(&key);
	return distinct >= 2 && (seen[ROLE_TITLE] || seen[ROLE_REQUIREMENT]);
}

bool import_is_header_again(const struct grid_row *row)
{
	if (import_is_header(row, NULL))
		return true;
	struct strbuf key = STRBUF_INIT;
	size_t names = 0;
	bool only_names = true;
	for (size_t c = 0; c < row->count && only_names; c++) {
		if (cell_is_blank(row->cells[c]))
			continue;
		only_names = role_of_header(row->cells[c], &key) != ROLE_OTHER;
		names++;
	}
	strbuf_free(&key);
	return only_names && names > 0;
}

size_t import_find_header(const struct grid *grid)
{
	for (size_t r = 0; r < grid->row_count; r++)
		if (import_is_header(&grid->rows[r], NULL))
			return r;
	return SIZE_MAX;
}

/* Keeps an unknown column under its header name, unless its name is one
 * of the plan's own or of a column kept already. False: out of memory. */
static bool keep_extra_column(struct column_map *map, const struct grid *grid, size_t column, struct arena *arena,
			      struct diagnostics *review)
{
	const struct grid_row *header = &grid->rows[map->header_row];
	const char *name = cell_clean(arena, header->cells[column], LINES_AS_TEXT);
	if (!name)
		return false;
	if (!name[0])
		return true;
	bool clash = plan_column_name_is_taken(name, strlen(name));
	for (size_t e = 0; e < map->extra_count && !clash; e++)
		clash = strcmp(map->extra_names[e], name) == 0;
	if (clash) {
		diag_warning(review, grid->file, header->line, NULL,
			     _("the column \"%s\" is left out: the plan has a column of that name already"), name);
		return true;
	}
	map->extra[map->extra_count] = column;
	map->extra_names[map->extra_count++] = name;
	return true;
}

bool column_map_read(struct column_map *map, const struct grid *grid, size_t header_row, struct arena *arena,
		     struct diagnostics *review)
{
	const struct grid_row *header = &grid->rows[header_row];
	*map = (struct column_map){ .header_row = header_row };
	for (int role = 0; role < ROLE_COUNT; role++)
		map->of_role[role] = SIZE_MAX;
	map->extra = calloc(header->count + 1, sizeof *map->extra);
	map->extra_names = arena_array(arena, header->count + 1, sizeof *map->extra_names);
	if (!map->extra || !map->extra_names)
		return false;
	/* A header of two rows: the lower row names a column when it can. */
	const struct grid_row *lower = NULL;
	if (header_row + 1 < grid->row_count && import_is_header_again(&grid->rows[header_row + 1]))
		lower = &grid->rows[header_row + 1];
	map->width = lower && lower->count > header->count ? lower->count : header->count;
	struct strbuf key = STRBUF_INIT;
	size_t second_title = SIZE_MAX;
	bool ok = true;
	for (size_t c = 0; c < header->count && ok; c++) {
		enum column_role role = role_of_header(header->cells[c], &key);
		enum column_role below = lower && c < lower->count ? role_of_header(lower->cells[c], &key) : ROLE_OTHER;
		if (below != ROLE_OTHER)
			role = below;
		if (role != ROLE_OTHER && map->of_role[role] == SIZE_MAX)
			map->of_role[role] = c;
		else if (role == ROLE_TITLE && second_title == SIZE_MAX)
			second_title = c;
		else
			ok = keep_extra_column(map, grid, c, arena, review);
	}
	ok = ok && !key.failed;
	strbuf_free(&key);
	/* Two task columns and no requirement column: the second is the requirement. */
	if (second_title != SIZE_MAX && map->of_role[ROLE_REQUIREMENT] == SIZE_MAX)
		map->of_role[ROLE_REQUIREMENT] = second_title;
	return ok;
}

void column_map_free(struct column_map *map)
{
	free(map->extra);
	map->extra = NULL;
}

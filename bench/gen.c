/*
 * gen.c - writes a synthetic plan of N tasks in the real schema, for the
 * benchmark: Chinese titles and requirements built from the vocabulary of
 * the 2018 table (some with ASCII commas and quotes that force CSV
 * quoting), 1 to 4 milestones with deadlines by the real rule, 0 to 6
 * targets, and units drawn from data/units.csv. The same seed gives the
 * same file.
 *
 *   gen N SEED PLAN.csv PEER.csv
 *
 * PEER.csv holds the same header and rows without the plan_title and
 * plan_year rows, for tools that take the first row as the header.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint32_t next(void)
{
	/* xorshift64*: deterministic and fast */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (uint32_t)((state * 2685821657736338717ULL) >> 32);
}

static unsigned pick(unsigned count)
{
	return next() % count;
}

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static const char *const verbs[] = { "强化", "深化", "推进", "健全", "加快推进", "提升", "完善", "加强" };
static const char *const objects[] = {
	"食品安全监管体系", "农产品质量安全", "餐饮服务环节监管", "食品生产加工环节监管", "农村食品安全治理",
	"“三小一摊”监管", "食品安全风险监测", "检验检测能力建设", "全程追溯体系建设", "智慧监管",
	"食品安全宣传教育", "基层食安队伍建设", "食品流通环节监管", "学校食堂食品安全", "“地沟油”监管治理",
};
static const char *const actions[] = {
	"全面整合监管资源，充实基层监管力量", "开展专项整治行动，规范登记管理",
	"完善工作机制，落实属地责任", "加强数据分析利用，提升监管效能",
	"推动各地制定出台工作方案", "建立健全考核评议办法和考核细则",
	"按照\"双随机、一公开\"要求开展抽查,并及时公开结果", "组织开展培训,提高人员业务水平",
};
static const char *const metrics[] = {
	"监督抽检合格率", "放心示范餐饮店", "阳光厨房", "农贸市场检测室", "规范化率", "覆盖率",
	"定量监测", "示范场", "培训时长", "食品检验量",
};
static const char *const measure_units[] = { "%", "家", "个", "批次", "小时", "份/千人" };
static const char *const year_end[] = { "年底前", "年内", "全年", "每年", "到2018年底" };

/* Unit names of data/units.csv (groups and a phrase's units included). */
static const char *const units[] = {
	"市食安办", "县级食安办", "市市场监管局", "市教育局", "市农业局", "市环保局", "市粮食局", "市林业局",
	"市海洋与渔业局", "市综合行政执法局", "市公安局", "市卫计委", "市金融办", "县级市场监管部门",
	"功能区管委会", "鹿城区政府", "瑞安市政府", "乐清市政府", "永嘉县政府", "文成县政府",
	"各县（市、区）政府", "市食安委各成员单位",
};

struct milestone {
	int month_before;   /* N of N月前, 0 for a year-end phrase, -1 for none */
	const char *phrase;
	char text[512];
};

static int days_in(int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return days[month - 1];
}

static void quote(FILE *out, const char *text)
{
	if (!strpbrk(text, ",\"\n")) {
		fputs(text, out);
		return;
	}
	fputc('"', out);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

static void header(FILE *out)
{
	fputs("id,title,requirement,units_text,units,units_etc", out);
	for (int m = 1; m <= 4; m++)
		fprintf(out, ",milestone%d_deadline,milestone%d_phrase,milestone%d_implied,milestone%d_text,"
			     "milestone%d_done_on,milestone%d_note", m, m, m, m, m, m);
	for (int t = 1; t <= 6; t++)
		fprintf(out, ",target%d_metric,target%d_op,target%d_value,target%d_unit,target%d_text,"
			     "target%d_reported,target%d_reported_on,target%d_note", t, t, t, t, t, t, t, t);
	fputc('\n', out);
}

static void row(FILE *out, long id)
{
	char title[256], requirement[2048] = "", units_text[512] = "", unit_list[512] = "";
	snprintf(title, sizeof title, "%s%s", verbs[pick(COUNT(verbs))], objects[pick(COUNT(objects))]);

	/* Milestones in deadline order: month phrases first, ascending. */
	struct milestone milestones[4];
	unsigned count = 1 + pick(4);
	int month = 2 + (int)pick(10);
	for (unsigned m = 0; m < count; m++) {
		struct milestone *milestone = &milestones[m];
		unsigned kind = pick(3);
		char phrase[32];
		if (kind == 0 && month <= 12) {
			snprintf(phrase, sizeof phrase, "%d月前", month);
			milestone->month_before = month;
			month += 1 + (int)pick(3);
		} else if (kind == 1 || month > 12) {
			snprintf(phrase, sizeof phrase, "%s", year_end[pick(COUNT(year_end))]);
			milestone->month_before = 0;
			month = 13;
		} else {
			phrase[0] = '\0';
			milestone->month_before = -1;
			month = 13;
		}
		snprintf(milestone->text, sizeof milestone->text, "%s%s", phrase, actions[pick(COUNT(actions))]);
		milestone->phrase = milestone->month_before > 0 || milestone->month_before == 0
					    ? strdup(phrase) : strdup("");
		if (m)
			strcat(requirement, "；");
		strcat(requirement, milestone->text);
	}
	/* Targets, said in the requirement too. */
	char target_texts[6][192];
	const char *target_metric[6], *target_unit[6];
	unsigned target_value[6];
	unsigned targets = pick(7);
	for (unsigned t = 0; t < targets; t++) {
		target_unit[t] = measure_units[pick(COUNT(measure_units))];
		target_value[t] = strcmp(target_unit[t], "%") == 0 ? 60 + pick(41) : 1 + pick(500);
		target_metric[t] = metrics[pick(COUNT(metrics))];
		snprintf(target_texts[t], sizeof target_texts[t], "%s达到%u%s以上", target_metric[t], target_value[t],
			 target_unit[t]);
		strcat(requirement, "；");
		strcat(requirement, target_texts[t]);
	}
	strcat(requirement, "。");

	unsigned unit_count = 1 + pick(4);
	for (unsigned u = 0; u < unit_count; u++) {
		const char *name = units[pick(COUNT(units))];
		if (strstr(unit_list, name))
			continue;
		if (unit_list[0]) {
			strcat(unit_list, ";");
			strcat(units_text, "、");
		}
		strcat(unit_list, name);
		strcat(units_text, name);
	}

	fprintf(out, "%ld,", id);
	quote(out, title);
	fputc(',', out);
	quote(out, requirement);
	fputc(',', out);
	quote(out, units_text);
	fprintf(out, ",%s,0", unit_list);
	for (unsigned m = 0; m < 4; m++) {
		if (m >= count) {
			fputs(",,,,,,", out);
			continue;
		}
		const struct milestone *milestone = &milestones[m];
		int deadline_month = milestone->month_before > 0 ? milestone->month_before - 1 : 12;
		fprintf(out, ",2018-%02d-%02d,%s,%d,", deadline_month, days_in(deadline_month), milestone->phrase,
			milestone->month_before < 0);
		quote(out, milestone->text);
		fputs(",,", out);
		free((void *)milestone->phrase);
	}
	for (unsigned t = 0; t < 6; t++) {
		if (t >= targets)
			fputs(",,,,,,,,", out);
		else
			fprintf(out, ",%s,>=,%u,%s,%s,,,", target_metric[t], target_value[t], target_unit[t],
				target_texts[t]);
	}
	fputc('\n', out);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: gen N SEED PLAN.csv PEER.csv\n");
		return 2;
	}
	long tasks = strtol(argv[1], NULL, 10);
	state = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
	FILE *plan = fopen(argv[3], "w");
	FILE *peer = fopen(argv[4], "w");
	if (!plan || !peer) {
		perror("gen");
		return 1;
	}
	fputs("\xEF\xBB\xBFplan_title,合成计划（基准测试用）\nplan_year,2018\n", plan);
	header(plan);
	header(peer);
	/* Write each row once, then copy it to the peer file. */
	char *buffer = NULL;
	size_t size = 0;
	for (long id = 1; id <= tasks; id++) {
		FILE *line = open_memstream(&buffer, &size);
		row(line, id);
		fclose(line);
		fwrite(buffer, 1, size, plan);
		fwrite(buffer, 1, size, peer);
		free(buffer);
		buffer = NULL;
	}
	if (fclose(plan) || fclose(peer)) {
		perror("gen");
		return 1;
	}
	return 0;
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Core: UTF-8, CSV, ids, dates and strict JSON fields.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "civic/core/clock.hpp"
#include "civic/core/csv.hpp"
#include "civic/core/date.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/core/utf8.hpp"

namespace civic {
namespace {

TEST(Utf8, accepts_plain_and_multibyte_text) {
    EXPECT_TRUE(is_valid_utf8("Corporate Support"));
    EXPECT_TRUE(
        is_valid_utf8("Directorate\xe2\x80\x99s \xc2\xa3"
                      "26.849M"));
    EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x8f\x9b"));
}

TEST(Utf8, rejects_invalid_overlong_and_surrogate_bytes) {
    EXPECT_FALSE(is_valid_utf8("\xff\xfe"));
    EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // a UTF-16 surrogate
    EXPECT_FALSE(is_valid_utf8("\xe2\x80"));          // cut short
    EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

// Issue 7: only valid text is stored, by one rule for every way text comes in.
TEST(TextRule, refuses_windows_1252_bytes_as_not_utf8) {
    EXPECT_EQ(text_fault("Caf\xe9 Team", Lines::One), TextFault::NotUtf8);
    EXPECT_EQ(text_fault("\xff\xfe", Lines::Many), TextFault::NotUtf8);
    EXPECT_EQ(describe(TextFault::NotUtf8), "is not UTF-8 text");
}

TEST(TextRule, refuses_nul_and_other_control_characters_in_any_field) {
    using namespace std::string_view_literals;
    EXPECT_EQ(text_fault("a\0b"sv, Lines::Many), TextFault::ControlCharacter);
    EXPECT_EQ(text_fault("bell\x07", Lines::Many), TextFault::ControlCharacter);
    EXPECT_EQ(text_fault("del\x7f", Lines::Many), TextFault::ControlCharacter);
    EXPECT_EQ(text_fault("c1 \xc2\x85", Lines::Many), TextFault::ControlCharacter);
}

TEST(TextRule, allows_tabs_and_line_breaks_only_where_a_field_holds_several_lines) {
    EXPECT_EQ(text_fault("one\ttwo\r\nthree", Lines::Many), TextFault::None);
    EXPECT_EQ(text_fault("one\ntwo", Lines::One), TextFault::LineBreak);
    EXPECT_EQ(text_fault("one\ttwo", Lines::One), TextFault::LineBreak);
    EXPECT_EQ(text_fault("Caf\xc3\xa9 \xe2\x80\x99s \xf0\x9f\x8f\x9b", Lines::One),
              TextFault::None);
}

TEST(TextRule, shows_refused_text_safely) {
    using namespace std::string_view_literals;
    EXPECT_EQ(shown_safely("Caf\xe9\0!"sv), "Caf\xEF\xBF\xBD\xEF\xBF\xBD!");
    EXPECT_TRUE(is_valid_utf8(shown_safely("\xff\xfe\xc3")));
    EXPECT_EQ(shown_safely("two\nlines"), "two\nlines");
}

TEST(Csv, reads_quoted_fields_with_commas_quotes_and_line_breaks) {
    const auto r = parse_csv(
        "\xEF\xBB\xBFname,description\r\n"
        "\"Policy, Research\",\"The \"\"P@NIC\"\" team\"\r\n"
        "ICT,\"two\nlines\"\n"
        "\n"
        "HR,last");
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.size(), 4u);
    EXPECT_EQ(r.records[0].fields, (std::vector<std::string>{"name", "description"}));
    EXPECT_EQ(r.records[1].fields[0], "Policy, Research");
    EXPECT_EQ(r.records[1].fields[1], "The \"P@NIC\" team");
    EXPECT_EQ(r.records[2].line, 3u);
    EXPECT_EQ(r.records[2].fields[1], "two\nlines");
    EXPECT_EQ(r.records[3].line, 6u);  // the quoted line break and the blank line both count
}

TEST(Csv, names_the_line_and_column_of_an_unclosed_quote) {
    const auto r = parse_csv("name,kind\nICT,\"team\n");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].line, 2u);
    EXPECT_EQ(r.errors[0].column, 5u);
}

TEST(Csv, names_the_line_and_column_of_a_stray_quote) {
    const auto r = parse_csv("name,kind\nIC\"T,team\n");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].line, 2u);
    EXPECT_EQ(r.errors[0].column, 3u);
}

// Issue 7, item 7: one fault no longer hides the others.
TEST(Csv, carries_on_after_each_fault_so_every_fault_is_found) {
    const auto r = parse_csv(
        "name,kind\n"
        "IC\"T,team\n"  // a quote inside an unquoted value
        "HR,service\n"
        "\"Legal\"x,team\n"  // text after a closing quote
        "Audit,\"team\n"     // never closed: the rest of the file is read from line 6
        "Payroll,service\n");
    ASSERT_EQ(r.errors.size(), 3u);
    EXPECT_EQ(r.errors[0].line, 2u);
    EXPECT_EQ(r.errors[1].line, 4u);
    EXPECT_EQ(r.errors[2].line, 5u);
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_EQ(r.records[1].fields[0], "HR");
    EXPECT_EQ(r.records[2].line, 6u);
    EXPECT_EQ(r.records[2].fields[0], "Payroll");
}

TEST(CsvTable, refuses_a_value_that_is_not_utf8_by_line_and_column) {
    ImportProblems problems;
    const auto t = read_csv_table("name,kind\nCaf\xe9 Team,team\nHR,service\n",
                                  {{"name", "kind"}, {}}, problems);
    ASSERT_EQ(problems.count(), 1u);
    const auto e = problems.error();
    EXPECT_EQ(e.errors[0].field, "line 2, column name");
    EXPECT_EQ(e.errors[0].message,
              "This is not UTF-8 text; in Excel choose Save As \u203a CSV UTF-8");
    ASSERT_EQ(t.rows.size(), 1u);  // the bad line is left out; the good one is kept
    EXPECT_EQ(t.rows[0].fields[0], "HR");
}

TEST(CsvTable, lists_problems_in_line_order_under_one_heading) {
    ImportProblems problems;
    problems.add(5, "kind", "Choose the kind");
    problems.add(2, "", "Too short");
    problems.add(5, "name", "Enter a name");
    const auto e = problems.error();
    EXPECT_EQ(e.detail, "The file was not imported: 3 problems found, and nothing was written.");
    ASSERT_EQ(e.errors.size(), 3u);
    EXPECT_EQ(e.errors[0].field, "line 2");
    EXPECT_EQ(e.errors[1].field, "line 5, column kind");
    EXPECT_EQ(e.errors[2].field, "line 5, column name");
}

TEST(CsvTable, reads_dates_as_councils_write_them_and_names_the_cell_of_one_that_is_not) {
    ImportProblems problems;
    const auto t = read_csv_table(
        "due,Name\n31/03/2026,'=Sum\n2026-04-01,  Plain  \n1/4/2026,\n"
        "31/02/2026,\n",
        {{"due", "name"}, {}}, problems);
    ASSERT_EQ(t.rows.size(), 4u);
    EXPECT_EQ(t.date(t.rows[0], "due", problems), "2026-03-31");
    EXPECT_EQ(t.date(t.rows[1], "due", problems), "2026-04-01");
    EXPECT_EQ(t.date(t.rows[2], "due", problems), "2026-04-01");
    EXPECT_EQ(t.date(t.rows[3], "due", problems), std::nullopt);
    EXPECT_EQ(t.date(t.rows[3], "name", problems), std::nullopt);  // blank
    // The apostrophe an export puts before a formula comes off; the text is trimmed.
    EXPECT_EQ(t.text(t.rows[0], "name"), "=Sum");
    EXPECT_EQ(t.text(t.rows[1], "name"), "Plain");
    EXPECT_EQ(t.text(t.rows[1], "colour"), "");
    const auto e = problems.error();
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_EQ(e.errors[0].field, "line 5, column due");
    EXPECT_EQ(e.errors[0].message,
              "\"31/02/2026\" is not a date; write it as YYYY-MM-DD, such as 2026-03-31, or "
              "DD/MM/YYYY, such as 31/03/2026");
}

TEST(CsvTable, names_a_column_named_twice) {
    ImportProblems problems;
    const auto t = read_csv_table("name,kind,Name\nICT,team,IT\n", {{"name"}, {"kind"}}, problems);
    check_repeated_columns(t, problems);
    const auto e = problems.error();
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_EQ(e.errors[0].field, "line 1, column 3");
    EXPECT_EQ(e.errors[0].message,
              "The column \"name\" is named twice, as columns 1 and 3; keep one");
}

TEST(Csv, writes_fields_that_need_quotes_with_quotes) {
    std::string out;
    append_csv_field(out, "plain");
    out += ',';
    append_csv_field(out, "a, \"b\"");
    EXPECT_EQ(out, "plain,\"a, \"\"b\"\"\"");
}

TEST(Ids, are_uuid_version_7_and_sort_in_the_order_they_were_made) {
    std::string previous = new_id();
    EXPECT_TRUE(is_id(previous));
    EXPECT_EQ(previous[14], '7');
    for (int i = 0; i < 5000; ++i) {
        const std::string next = new_id();
        ASSERT_LT(previous, next);
        previous = next;
    }
    EXPECT_FALSE(is_id("xyz"));
    EXPECT_FALSE(is_id("01A20418-2B69-7000-AA1B-C2DA4E39E6A8"));
}

TEST(Ids, hash_tokens_with_sha256) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_NE(random_token(), random_token());
    EXPECT_EQ(random_token(32).size(), 43u);
}

TEST(Dates, accept_only_real_calendar_dates) {
    EXPECT_TRUE(is_iso_date("2025-04-01"));
    EXPECT_TRUE(is_iso_date("2024-02-29"));
    EXPECT_FALSE(is_iso_date("2025-02-29"));
    EXPECT_FALSE(is_iso_date("2025-13-01"));
    EXPECT_FALSE(is_iso_date("01/04/2025"));
    EXPECT_FALSE(is_iso_date("2025-4-1"));
    EXPECT_EQ(parse_day_month_year("29/02/2024"), make_date(2024, 2, 29));
    EXPECT_EQ(parse_day_month_year("1/4/2025"), make_date(2025, 4, 1));
    EXPECT_EQ(parse_day_month_year("29/02/2025"), std::nullopt);
    EXPECT_EQ(parse_day_month_year("01/04/25"), std::nullopt);
    EXPECT_EQ(parse_day_month_year("2025-04-01"), std::nullopt);
}

TEST(Timestamps, are_utc_with_milliseconds) {
    using namespace std::chrono;
    const TimePoint t = sys_days{2025y / September / 30d} + 14h + 5min + 1s + 123ms;
    EXPECT_EQ(format_timestamp(t), "2025-09-30T14:05:01.123Z");
}

TEST(JsonBody, rejects_malformed_json_naming_line_and_column) {
    const auto r = parse_json_object("{\n  \"name\": \"ICT\",\n  oops\n}");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::BadRequest);
    EXPECT_NE(r.error().detail.find("line 3"), std::string::npos) << r.error().detail;
}

TEST(JsonBody, rejects_invalid_utf8_and_non_objects) {
    EXPECT_EQ(parse_json_object("{\"name\":\"\xff\"}").error().kind, ErrorKind::BadRequest);
    EXPECT_EQ(parse_json_object("[1,2]").error().kind, ErrorKind::BadRequest);
    EXPECT_EQ(parse_json_object("").error().kind, ErrorKind::BadRequest);
}

TEST(JsonFields, name_every_wrong_type_and_unknown_field) {
    const auto obj =
        parse_json_object(R"({"name": 5, "published": "yes", "colour": "red"})").value();
    JsonFields f(obj);
    f.optional_text("name", "Name");
    f.optional_boolean("published", "Published");
    const auto r = f.finish();
    ASSERT_FALSE(r.has_value());
    ASSERT_EQ(r.error().errors.size(), 3u);
    EXPECT_EQ(r.error().errors[0].field, "name");
    EXPECT_EQ(r.error().errors[0].message, "Name must be text");
    EXPECT_EQ(r.error().errors[1].field, "published");
    EXPECT_EQ(r.error().errors[2].field, "colour");
}

TEST(JsonFields, treat_null_as_clearing_a_text_field) {
    const auto obj = parse_json_object(R"({"parent_id": null})").value();
    JsonFields f(obj);
    EXPECT_EQ(f.optional_text("parent_id", "Parent"), std::optional<std::string>(""));
    EXPECT_EQ(f.optional_text("missing", "Missing"), std::nullopt);
    EXPECT_TRUE(f.finish().has_value());
}

}  // namespace
}  // namespace civic

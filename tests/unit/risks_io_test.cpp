// SPDX-License-Identifier: AGPL-3.0-or-later
// Reading and writing risk registers: Fenland's 2019 register reads as published, checked
// against its scores read separately from the PDF; each kind of bad file is refused with every
// problem named by line and column; the CSV export reads back as the same rows; LibreOffice
// opens the workbook and finds the register in it.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "civic/core/csv.hpp"
#include "civic/modules/risks/export.hpp"
#include "civic/modules/risks/import_rows.hpp"
#include "civic/modules/risks/matrix.hpp"

namespace civic::risks {
namespace {

namespace fs = std::filesystem;

// tests/fixtures/risks, found from this file's path (absolute or relative to the build
// directory, as the compiler was given it) or above the test binary.
fs::path fixtures() {
    const auto holds = [](const fs::path& dir) {
        return fs::exists(dir / "tests" / "fixtures" / "risks" / "fenland-2019.csv");
    };
    std::error_code ec;
    std::vector<fs::path> starts{fs::path(__FILE__).parent_path() / ".." / "..",
                                 fs::current_path(ec)};
    if (const auto exe = fs::read_symlink("/proc/self/exe", ec); !ec)
        starts.push_back(exe.parent_path());
    for (auto dir : starts)
        for (int up = 0; up < 4 && !dir.empty(); ++up, dir = dir.parent_path())
            if (holds(dir)) return dir / "tests" / "fixtures" / "risks";
    ADD_FAILURE() << "tests/fixtures/risks is not found";
    return {};
}
const fs::path k_fixtures = fixtures();

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

const std::string k_header =
    "reference,title,description,owner,inherent_likelihood,inherent_impact,inherent_score,"
    "current_likelihood,current_impact,current_score,controls,actions,review_date\n";

// The errors as an officer reads them.
std::vector<std::string> texts(const std::vector<ImportLineError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(line_error_text(e));
    return out;
}
std::vector<std::string> errors_of(std::string_view csv) {
    const auto r = import_rows(csv);
    if (r) return {};
    return texts(r.error());
}

// The scores file's rows: reference, then inherent and current likelihood, impact, score.
struct Scores {
    std::string reference;
    std::int64_t inherent_likelihood, inherent_impact, inherent_score;
    std::int64_t current_likelihood, current_impact, current_score;
};
std::vector<Scores> fenland_scores() {
    const auto parsed = parse_csv(read_file(k_fixtures / "fenland-2019-scores.csv"));
    EXPECT_TRUE(parsed.errors.empty());
    std::vector<Scores> out;
    for (std::size_t i = 1; i < parsed.records.size(); ++i) {
        const auto& f = parsed.records[i].fields;
        // order_in_register,reference,risk,inherent_impact,inherent_likelihood,inherent_score,
        // current_impact,current_likelihood,current_score,risk_owner
        EXPECT_EQ(f.at(0), std::to_string(i));
        out.push_back({f.at(1), std::stoll(f.at(4)), std::stoll(f.at(3)), std::stoll(f.at(5)),
                       std::stoll(f.at(7)), std::stoll(f.at(6)), std::stoll(f.at(8))});
    }
    return out;
}

std::vector<ImportRow> fenland_rows() {
    auto rows = import_rows(read_file(k_fixtures / "fenland-2019.csv"));
    EXPECT_TRUE(rows.has_value()) << (rows ? "" : texts(rows.error()).front());
    return rows ? *rows : std::vector<ImportRow>{};
}

// ---- reading

TEST(RisksImportRows, reads_fenlands_register_with_every_score_as_the_pdf_gives_it) {
    const auto rows = fenland_rows();
    const auto scores = fenland_scores();
    ASSERT_EQ(rows.size(), 20u);
    ASSERT_EQ(scores.size(), 20u);
    const Matrix matrix = default_matrix();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        SCOPED_TRACE("risk " + scores[i].reference);
        const auto& r = rows[i];
        EXPECT_EQ(r.line, i + 2);
        EXPECT_EQ(r.reference, scores[i].reference);
        EXPECT_EQ(r.inherent_likelihood, scores[i].inherent_likelihood);
        EXPECT_EQ(r.inherent_impact, scores[i].inherent_impact);
        EXPECT_EQ(r.inherent_score, scores[i].inherent_score);
        EXPECT_EQ(r.current_likelihood, scores[i].current_likelihood);
        EXPECT_EQ(r.current_impact, scores[i].current_impact);
        EXPECT_EQ(r.current_score, scores[i].current_score);
        EXPECT_TRUE(check_row_scores(r, matrix).empty());
        EXPECT_FALSE(r.controls.empty());
        EXPECT_EQ(r.review_date, std::nullopt);
    }
    // The register's own order, as published: by current score, except Brexit (2) ninth.
    std::vector<std::string> references;
    for (const auto& r : rows) references.push_back(r.reference);
    EXPECT_EQ(references,
              (std::vector<std::string>{"9",  "4",  "6",  "17", "3",  "10", "16", "1", "2", "8",
                                        "11", "13", "14", "18", "19", "20", "12", "5", "7", "15"}));
    EXPECT_EQ(rows[0].title, "The Council’s ability to cope with a natural disaster.");
    EXPECT_EQ(rows[0].owner, "CMT");
    EXPECT_EQ(rows[0].controls.front(), "Emergency plan");
    EXPECT_EQ(rows[1].owner, "Carol Pilson / Peter Catchpole");
}

TEST(RisksImportRows, reads_a_file_that_starts_with_a_byte_order_mark_and_ends_lines_crlf) {
    const auto rows = import_rows(
        "\xEF\xBB\xBF"
        " Reference ,TITLE,Description,Owner,Inherent_Likelihood,inherent_impact,inherent_score,"
        "current_likelihood,current_impact,current_score\r\n"
        "R1,Flood, Depot floods ,Head of Estates,3,4,12,2,4,8\r\n");
    ASSERT_TRUE(rows.has_value()) << texts(rows.error()).front();
    ASSERT_EQ(rows->size(), 1u);
    const auto& r = rows->front();
    EXPECT_EQ(r.line, 2u);
    EXPECT_EQ(r.reference, "R1");
    EXPECT_EQ(r.description, "Depot floods");
    EXPECT_EQ(r.inherent_score, 12);
    EXPECT_EQ(r.current_likelihood, 2);
    EXPECT_TRUE(r.controls.empty());
    EXPECT_EQ(r.actions, "");
    EXPECT_EQ(r.review_date, std::nullopt);
}

TEST(RisksImportRows, splits_controls_on_semicolons_and_keeps_actions_as_written) {
    const auto rows = import_rows(k_header +
                                  "R1,Flood,,,3,4,12,2,4,8,\" Sandbags ;; pumps; ;flood plan \","
                                  "\"Survey the depot\nthen tender\",\n");
    ASSERT_TRUE(rows.has_value());
    EXPECT_EQ(rows->front().controls,
              (std::vector<std::string>{"Sandbags", "pumps", "flood plan"}));
    EXPECT_EQ(rows->front().actions, "Survey the depot\nthen tender");
    EXPECT_EQ(rows->front().inherent_score, 12);
}

TEST(RisksImportRows, converts_a_date_written_day_month_year) {
    const auto rows =
        import_rows(k_header + "R1,Flood,,,3,4,12,2,4,8,,,01/04/2026\n" +
                    "R2,Fire,,,3,4,,2,4,,,,2026-09-30\n" + "R3,Theft,,,3,4,,2,4,,,,7/3/2027\n");
    ASSERT_TRUE(rows.has_value());
    EXPECT_EQ((*rows)[0].review_date, "2026-04-01");
    EXPECT_EQ((*rows)[1].review_date, "2026-09-30");
    EXPECT_EQ((*rows)[1].inherent_score, std::nullopt);
    EXPECT_EQ((*rows)[2].review_date, "2027-03-07");
}

TEST(RisksImportRows, refuses_a_file_missing_a_column_naming_it) {
    EXPECT_EQ(
        errors_of("reference,title,description,inherent_likelihood,inherent_impact,"
                  "inherent_score,current_likelihood,current_impact,current_score\n"
                  "R1,Flood,,3,4,12,2,4,8\n"),
        (std::vector<std::string>{"line 1: The column \"owner\" is missing from the first line"}));
}

TEST(RisksImportRows, refuses_a_column_it_does_not_know_naming_it) {
    EXPECT_EQ(errors_of("reference,title,description,owner,likelihood,inherent_likelihood,"
                        "inherent_impact,inherent_score,current_likelihood,current_impact,"
                        "current_score\n"
                        "R1,Flood,,,3,3,4,12,2,4,8\n"),
              (std::vector<std::string>{
                  "line 1, column 5: \"likelihood\" is not a column Civic knows here"}));
}

TEST(RisksImportRows, refuses_a_column_named_twice) {
    EXPECT_EQ(errors_of("reference,title,description,owner,inherent_likelihood,"
                        "inherent_impact,inherent_score,current_likelihood,current_impact,"
                        "current_score,title\n"
                        "R1,Flood,,,3,4,12,2,4,8,Fire\n"),
              (std::vector<std::string>{"line 1, column 11: The column \"title\" is named twice, "
                                        "as columns 2 and 11; keep one"}));
}

TEST(RisksImportRows, refuses_numbers_that_are_not_whole_naming_line_and_column) {
    EXPECT_EQ(
        errors_of(k_header + "R1,Flood,,,3,4,12,2,4,8,,,\n" + "R2,Fire,,,4.5,4,18,2,H,8,,,\n" +
                  "R3,Theft,,,3,4,twelve,2,4,8,,,\n"),
        (std::vector<std::string>{
            "line 3, column inherent_likelihood: \"4.5\" is not a whole number; give the "
            "likelihood as a number from the matrix, such as 3",
            "line 3, column current_impact: \"H\" is not a whole number; give the impact as a "
            "number from the matrix, such as 3",
            "line 4, column inherent_score: \"twelve\" is not a whole number; give the score as "
            "a whole number (likelihood × impact), such as 12, or leave it blank"}));
}

TEST(RisksImportRows, refuses_a_date_that_is_not_a_date) {
    const std::string advice =
        " is not a date; write it as YYYY-MM-DD, such as 2026-03-31, or DD/MM/YYYY, such as "
        "31/03/2026";
    EXPECT_EQ(errors_of(k_header + "R1,Flood,,,3,4,12,2,4,8,,,31/02/2026\n" +
                        "R2,Fire,,,3,4,12,2,4,8,,,next spring\n" +
                        "R3,Theft,,,3,4,12,2,4,8,,,2026-13-01\n"),
              (std::vector<std::string>{"line 2, column review_date: \"31/02/2026\"" + advice,
                                        "line 3, column review_date: \"next spring\"" + advice,
                                        "line 4, column review_date: \"2026-13-01\"" + advice}));
}

TEST(RisksImportRows, refuses_a_file_with_no_risks_in_it) {
    EXPECT_EQ(errors_of(k_header),
              (std::vector<std::string>{
                  "line 1: The file names the columns but has no risks under them"}));
    EXPECT_EQ(errors_of(""),
              (std::vector<std::string>{
                  "line 1: The file is empty; the first line must name the columns"}));
}

TEST(RisksImportRows, gives_no_rows_when_any_line_is_wrong_and_lists_every_problem) {
    const auto r = import_rows(k_header + "R1,Flood,,,3,4,12,2,4,8,,,\n" + "R2,Fire,,,3\n" +
                               "R3,Theft,,,3,4,12,2,4,x,,,\n");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(texts(r.error()),
              (std::vector<std::string>{
                  "line 3: This line has 5 values but the first line names 13 columns",
                  "line 4, column current_score: \"x\" is not a whole number; give the score as "
                  "a whole number (likelihood × impact), such as 12, or leave it blank"}));
}

// ---- the checks that need the matrix

ImportRow row_with(std::int64_t il, std::int64_t ii, std::optional<std::int64_t> is,
                   std::int64_t cl, std::int64_t ci, std::optional<std::int64_t> cs) {
    ImportRow r;
    r.line = 4;
    r.reference = "R1";
    r.title = "Flood";
    r.inherent_likelihood = il;
    r.inherent_impact = ii;
    r.inherent_score = is;
    r.current_likelihood = cl;
    r.current_impact = ci;
    r.current_score = cs;
    return r;
}

TEST(RisksCheckRowScores, refuses_a_score_that_is_not_likelihood_times_impact) {
    EXPECT_EQ(texts(check_row_scores(row_with(5, 5, 20, 3, 4, 12), default_matrix())),
              (std::vector<std::string>{
                  "line 4, column inherent_score: 20 is not likelihood 5 × impact 5 (25)"}));
    EXPECT_TRUE(check_row_scores(row_with(5, 5, std::nullopt, 3, 4, std::nullopt), default_matrix())
                    .empty());
}

TEST(RisksCheckRowScores, refuses_a_likelihood_of_6_on_a_five_by_five_matrix) {
    EXPECT_EQ(texts(check_row_scores(row_with(6, 5, 30, 3, 0, 0), default_matrix())),
              (std::vector<std::string>{
                  "line 4, column inherent_likelihood: 6 is not on the council's 5 × 5 matrix; "
                  "give a likelihood from 1 to 5",
                  "line 4, column current_impact: 0 is not on the council's 5 × 5 matrix; give "
                  "an impact from 1 to 5"}));
}

TEST(RisksCheckRowScores, holds_to_a_smaller_matrix_and_wants_both_halves_of_a_target) {
    auto r = row_with(4, 3, 12, 3, 3, 9);
    r.target_impact = 2;
    r.target_score = 4;
    EXPECT_EQ(texts(check_row_scores(r, default_matrix_of_size(3))),
              (std::vector<std::string>{
                  "line 4, column inherent_likelihood: 4 is not on the council's 3 × 3 matrix; "
                  "give a likelihood from 1 to 3",
                  "line 4, column target_likelihood: The likelihood is blank; give a likelihood "
                  "from 1 to 3 on the council's 3 × 3 matrix"}));
}

// ---- writing

// Fenland's rows as the service would give them to the export, with what Civic adds.
RegisterExport fenland_export() {
    RegisterExport e;
    e.name = "Corporate Risk Register: 2019/20 [Fenland]";
    e.matrix = default_matrix();
    std::size_t i = 0;
    for (const auto& r : fenland_rows()) {
        ExportRow x;
        x.reference = r.reference;
        x.title = r.title;
        x.description = r.description;
        x.owner = r.owner;
        const auto score = [&](std::int64_t l, std::int64_t im) {
            const Band* band = e.matrix.band_of(l * im);
            return ExportScore{l, im, l * im, band ? band->name : ""};
        };
        x.inherent = score(*r.inherent_likelihood, *r.inherent_impact);
        x.current = score(*r.current_likelihood, *r.current_impact);
        if (i % 2 == 0) x.target = score(2, *r.current_impact);
        x.category = i % 3 == 0 ? "financial" : "strategic";
        x.response = "treat";
        x.controls = r.controls;
        x.actions = r.actions;
        x.next_review_on = i % 4 == 0 ? "2019-10-31" : "";
        x.status = "open";
        x.above_appetite = x.current.score > 12;
        e.rows.push_back(std::move(x));
        ++i;
    }
    return e;
}

TEST(RisksExport, writes_csv_with_a_bom_crlf_and_the_import_columns_first) {
    RegisterExport e;
    e.name = "Finance";
    e.matrix = default_matrix();
    ExportRow r;
    r.reference = "F1";
    r.title = "=HYPERLINK(\"http://evil\")";
    r.description = "-20% of income, \"at least\"";
    r.owner = "@treasurer";
    r.inherent = {4, 5, 20, "High"};
    r.current = {3, 4, 12, "Medium"};
    r.controls = {"Budget monitoring", "+ reserves"};
    r.next_review_on = "2026-06-30";
    r.status = "open";
    r.above_appetite = true;
    e.rows.push_back(r);
    EXPECT_EQ(register_csv(e),
              "\xEF\xBB\xBF"
              "reference,title,description,owner,inherent_likelihood,inherent_impact,"
              "inherent_score,current_likelihood,current_impact,current_score,controls,actions,"
              "review_date,category,target_likelihood,target_impact,target_score,current_band,"
              "response,status,above_appetite\r\n"
              "F1,\"'=HYPERLINK(\"\"http://evil\"\")\",\"'-20% of income, \"\"at least\"\"\","
              "'@treasurer,4,5,20,3,4,12,Budget monitoring; + reserves,,2026-06-30,,,,,Medium,,"
              "open,yes\r\n");
}

TEST(RisksExport, csv_reads_back_through_the_import_as_the_same_rows) {
    const auto e = fenland_export();
    ASSERT_EQ(e.rows.size(), 20u);
    // A text that a spreadsheet would run, to see it come back as written.
    auto with_formula = e;
    with_formula.rows[1].title = "=1+1 is not a formula here";
    const auto back = import_rows(register_csv(with_formula));
    ASSERT_TRUE(back.has_value()) << texts(back.error()).front();
    ASSERT_EQ(back->size(), 20u);
    for (std::size_t i = 0; i < back->size(); ++i) {
        SCOPED_TRACE("row " + std::to_string(i));
        const auto& x = with_formula.rows[i];
        const auto& r = (*back)[i];
        EXPECT_EQ(r.line, i + 2);
        EXPECT_EQ(r.reference, x.reference);
        EXPECT_EQ(r.title, x.title);
        EXPECT_EQ(r.description, x.description);
        EXPECT_EQ(r.owner, x.owner);
        EXPECT_EQ(r.inherent_likelihood, x.inherent.likelihood);
        EXPECT_EQ(r.inherent_impact, x.inherent.impact);
        EXPECT_EQ(r.inherent_score, x.inherent.score);
        EXPECT_EQ(r.current_likelihood, x.current.likelihood);
        EXPECT_EQ(r.current_impact, x.current.impact);
        EXPECT_EQ(r.current_score, x.current.score);
        EXPECT_EQ(r.controls, x.controls);
        EXPECT_EQ(r.actions, x.actions);
        EXPECT_EQ(r.review_date.value_or(""), x.next_review_on);
        EXPECT_EQ(r.category, x.category);
        EXPECT_EQ(r.response, x.response);
        EXPECT_EQ(r.status, x.status);
        EXPECT_EQ(r.target_likelihood,
                  x.target ? std::optional(x.target->likelihood) : std::nullopt);
        EXPECT_EQ(r.target_score, x.target ? std::optional(x.target->score) : std::nullopt);
        EXPECT_TRUE(check_row_scores(r, e.matrix).empty());
    }
    // And the rows read from the council's file are the rows read back, but for what Civic
    // adds.
    const auto original = fenland_rows();
    for (std::size_t i = 0; i < original.size(); ++i) {
        auto r = (*back)[i];
        r.category = r.response = r.status = "";
        r.target_likelihood = r.target_impact = r.target_score = std::nullopt;
        r.review_date = std::nullopt;
        if (i == 1) r.title = original[i].title;
        EXPECT_EQ(r, original[i]) << "row " << i;
    }
}

TEST(RisksExport, names_the_sheet_as_excel_allows) {
    EXPECT_EQ(sheet_name("Corporate Risk Register: 2019/20 [Fenland]"),
              "Corporate Risk Register 2019 20");
    EXPECT_EQ(sheet_name("Risks: [Housing] / Repairs"), "Risks Housing Repairs");
    EXPECT_EQ(sheet_name("'Finance'"), "Finance");
    EXPECT_EQ(sheet_name("[*?]"), "Risks");
    // 31 characters, not bytes: "é" is two bytes and one character.
    EXPECT_EQ(sheet_name(std::string(40, 'e') + "é"), std::string(31, 'e'));
    EXPECT_EQ(sheet_name("Résumé des risques de la direction générale"),
              "Résumé des risques de la direct");
}

// A directory of the test's own, removed after.
struct ScratchDir {
    fs::path path;
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "civic-risks-io-XXXXXX").string();
        if (mkdtemp(pattern.data())) path = pattern;
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

int run(const std::string& command) { return std::system(command.c_str()); }

TEST(RisksExport, writes_a_workbook_with_the_sheet_frozen_header_and_band_fills) {
    const auto xlsx = register_xlsx(fenland_export());
    ASSERT_TRUE(xlsx.has_value());
    ASSERT_GT(xlsx->size(), 1000u);
    EXPECT_EQ(xlsx->substr(0, 2), "PK");
    if (run("command -v python3 >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 is missing";
    const ScratchDir dir;
    ASSERT_FALSE(dir.path.empty());
    { std::ofstream(dir.path / "register.xlsx", std::ios::binary) << *xlsx; }
    // The parts of the workbook, read with Python's zipfile (unzip is not on every machine).
    const auto part = [&](const std::string& name) {
        const fs::path out = dir.path / (fs::path(name).filename().string() + ".txt");
        const std::string command =
            "python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1])"
            ".read(sys.argv[2]).decode())' '" +
            (dir.path / "register.xlsx").string() + "' '" + name + "' > '" + out.string() + "'";
        EXPECT_EQ(run(command), 0) << name;
        return read_file(out);
    };
    EXPECT_NE(part("xl/workbook.xml").find("<sheet name=\"Corporate Risk Register 2019 20\""),
              std::string::npos);
    const std::string sheet = part("xl/worksheets/sheet1.xml");
    // The first row frozen; the rows as tall as their wrapped text.
    EXPECT_NE(sheet.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                         "state=\"frozen\"/>"),
              std::string::npos);
    EXPECT_NE(sheet.find("customHeight=\"1\""), std::string::npos);
    EXPECT_NE(sheet.find("<col min=\"2\" max=\"2\" width=\""), std::string::npos);
    // The first current score (J2, risk 9: 4 × 4 = 16, High) is a number.
    EXPECT_NE(sheet.find("<c r=\"J2\" s="), std::string::npos);
    EXPECT_NE(sheet.find("<v>16</v>"), std::string::npos);
    const std::string styles = part("xl/styles.xml");
    EXPECT_NE(styles.find("FFCA3535"), std::string::npos);  // High: the heat map's red
    EXPECT_NE(styles.find("FFFFDD00"), std::string::npos);  // Medium: its amber
    EXPECT_NE(styles.find("<b/>"), std::string::npos);      // the bold header
}

TEST(RisksExport, libreoffice_opens_the_workbook_and_finds_the_register_in_it) {
    if (run("command -v soffice >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "soffice (Debian's libreoffice-calc-nogui) is not installed";
    const auto e = fenland_export();
    const auto xlsx = register_xlsx(e);
    ASSERT_TRUE(xlsx.has_value());
    const ScratchDir dir;
    ASSERT_FALSE(dir.path.empty());
    const fs::path file = dir.path / "fenland.xlsx";
    { std::ofstream(file, std::ios::binary) << *xlsx; }
    // Its own profile in the scratch directory, so nothing of $HOME is read or written; UTF-8
    // (76) comma-separated with double quotes.
    const std::string command =
        "soffice -env:UserInstallation=file://" + (dir.path / "profile").string() +
        " --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir '" +
        dir.path.string() + "' '" + file.string() + "' > '" + (dir.path / "soffice.log").string() +
        "' 2>&1";
    ASSERT_EQ(run(command), 0) << read_file(dir.path / "soffice.log");
    const std::string csv = read_file(dir.path / "fenland.csv");
    ASSERT_FALSE(csv.empty()) << read_file(dir.path / "soffice.log");
    const auto parsed = parse_csv(csv);
    ASSERT_TRUE(parsed.errors.empty());
    ASSERT_EQ(parsed.records.size(), 21u);
    EXPECT_EQ(parsed.records[0].fields,
              std::vector<std::string>(std::begin(k_export_columns), std::end(k_export_columns)));
    const auto scores = fenland_scores();
    for (std::size_t i = 0; i < scores.size(); ++i) {
        SCOPED_TRACE("risk " + scores[i].reference);
        const auto& f = parsed.records[i + 1].fields;
        ASSERT_EQ(f.size(), std::size(k_export_columns));
        EXPECT_EQ(f[0], scores[i].reference);
        EXPECT_EQ(f[4], std::to_string(scores[i].inherent_likelihood));
        EXPECT_EQ(f[5], std::to_string(scores[i].inherent_impact));
        EXPECT_EQ(f[6], std::to_string(scores[i].inherent_score));
        EXPECT_EQ(f[7], std::to_string(scores[i].current_likelihood));
        EXPECT_EQ(f[8], std::to_string(scores[i].current_impact));
        EXPECT_EQ(f[9], std::to_string(scores[i].current_score));
        EXPECT_EQ(f[1], e.rows[i].title);
        EXPECT_EQ(f[17], e.rows[i].current.band);
    }
    // What LibreOffice wrote imports as the register.
    const auto back = import_rows(csv);
    ASSERT_TRUE(back.has_value()) << texts(back.error()).front();
    EXPECT_EQ(back->size(), 20u);
}

}  // namespace
}  // namespace civic::risks

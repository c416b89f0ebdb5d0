// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/indicators_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "civic/cli/civic.hpp"

namespace civic::cli {
namespace {

// A progress bar on the terminal for a long import; nothing when stderr is not a terminal.
class ProgressBar {
public:
    explicit ProgressBar(std::string what) : m_what(std::move(what)), m_tty(isatty(2) != 0) {}
    ~ProgressBar() {
        if (m_shown) fmt::print(stderr, "\n");
    }
    void operator()(std::size_t done, std::size_t total) {
        if (!m_tty || total < 10000) return;
        const int percent = static_cast<int>(done * 100 / total);
        if (percent == m_last) return;
        m_last = percent;
        m_shown = true;
        const int filled = percent * 30 / 100;
        fmt::print(stderr, "\r{} [{:<30}] {:>3}% ({} of {} lines)", m_what,
                   std::string(static_cast<std::size_t>(filled), '#'), percent, done, total);
        std::fflush(stderr);
    }

private:
    std::string m_what;
    bool m_tty;
    bool m_shown = false;
    int m_last = -1;
};

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

int failed(const std::string& file, const Error& e) {
    fmt::print(stderr, "civic: {} was not imported.\n", file);
    print_errors(e);
    return k_exit_failed;
}

int write_out(const std::string& output, const std::string& text, std::string_view what) {
    if (output.empty() || output == "-") {
        fmt::print("{}", text);
        return k_exit_ok;
    }
    write_file(output, text);
    fmt::print("Wrote {} to {}.\n", what, output);
    return k_exit_ok;
}

}  // namespace

void add_indicators_command(CLI::App& import_cmd, CLI::App& export_cmd, IndicatorsCommand& cmd,
                            const std::function<void(CLI::App*)>& add_db) {
    cmd.import_indicators = import_cmd.add_subcommand(
        "indicators",
        "Import indicators: columns code,title,unit,polarity,frequency,rag_rule and optional "
        "description,decimals,aggregation,kind,source,owner,entry_person,unit,… (see "
        "docs/indicators.md)");
    add_db(cmd.import_indicators);
    cmd.import_indicators->add_option("file", cmd.file, "The CSV file")->required();
    cmd.import_values =
        import_cmd.add_subcommand("values",
                                  "Import indicator values: columns "
                                  "indicator,period,value,numerator,denominator,target,note");
    add_db(cmd.import_values);
    cmd.import_values->add_option("file", cmd.file, "The CSV file")->required();
    cmd.import_dataset = import_cmd.add_subcommand(
        "dataset",
        "Import a benchmark dataset of many councils' values, replacing any of the same name");
    add_db(cmd.import_dataset);
    cmd.import_dataset->add_option("name", cmd.name, "The dataset's name, as in its address")
        ->required();
    cmd.import_dataset
        ->add_option("--values", cmd.values, "CSV: area_code,area_name,metric,period,value")
        ->required();
    cmd.import_dataset->add_option("--groups", cmd.groups, "CSV: group,area_code");
    cmd.import_dataset->add_option("--metrics", cmd.metrics, "CSV: metric,title,polarity");
    cmd.import_dataset->add_option("--neighbours", cmd.neighbours,
                                   "JSON: {area_code: [area_code, …]}");
    cmd.import_dataset->add_option("--title", cmd.title, "What the dataset is");
    cmd.import_dataset->add_option("--source", cmd.source, "Where it was published");

    cmd.export_indicators = export_cmd.add_subcommand(
        "indicators", "Write every indicator as CSV, in the columns civic import indicators reads");
    add_db(cmd.export_indicators);
    cmd.export_indicators->add_option("--output", cmd.output, "The file to write; - for stdout");
    cmd.export_values = export_cmd.add_subcommand(
        "values", "Write approved values and targets as CSV, as civic import values reads them");
    add_db(cmd.export_values);
    cmd.export_values->add_option("--indicator", cmd.indicator, "Only this indicator (id or code)");
    cmd.export_values->add_option("--output", cmd.output, "The file to write; - for stdout");
}

std::optional<int> run_indicators_command(const IndicatorsCommand& cmd, const std::string& db) {
    if (cmd.import_indicators->parsed() || cmd.import_values->parsed()) {
        const std::string text = read_file(cmd.file);
        auto civic = open_civic(db, Create::Never);
        const auto ctx = cli_context(*civic);
        const bool definitions = cmd.import_indicators->parsed();
        ProgressBar bar(definitions ? "Importing indicators" : "Importing values");
        const auto progress = [&bar](std::size_t done, std::size_t total) { bar(done, total); };
        auto done = definitions ? civic->indicators->import_indicators_csv(ctx, text, progress)
                                : civic->indicators->import_values_csv(ctx, text, progress);
        if (!done) return failed(cmd.file, done.error());
        if (definitions)
            fmt::print("Imported {} from {}: {} new, {} changed.\n",
                       plural(done->created + done->updated, "indicator", "indicators"), cmd.file,
                       done->created, done->updated);
        else
            fmt::print("Imported {} and {} from {} ({} already held).\n",
                       plural(done->values, "value", "values"),
                       plural(done->targets, "target", "targets"), cmd.file, done->unchanged);
        return k_exit_ok;
    }
    if (cmd.import_dataset->parsed()) {
        const std::string values = read_file(cmd.values);
        std::optional<std::string> groups, metrics, neighbours;
        if (!cmd.groups.empty()) groups = read_file(cmd.groups);
        if (!cmd.metrics.empty()) metrics = read_file(cmd.metrics);
        if (!cmd.neighbours.empty()) neighbours = read_file(cmd.neighbours);
        auto civic = open_civic(db, Create::Never);
        indicators::DatasetFiles files;
        files.title = cmd.title;
        files.source = cmd.source;
        files.values = values;
        if (groups) files.groups = *groups;
        if (metrics) files.metrics = *metrics;
        if (neighbours) files.neighbours = *neighbours;
        ProgressBar bar("Importing the dataset");
        auto done = civic->datasets->import_dataset(
            cli_context(*civic), cmd.name, files,
            [&bar](std::size_t d, std::size_t total) { bar(d, total); });
        if (!done) return failed(cmd.values, done.error());
        fmt::print("Imported the dataset {}: {} of {} for {} in {}; {}, {} neighbour sets.\n",
                   done->name, plural(done->values, "value", "values"),
                   plural(done->metrics, "metric", "metrics"), plural(done->areas, "area", "areas"),
                   plural(done->periods, "period", "periods"),
                   plural(done->groups, "group", "groups"), done->neighbours);
        return k_exit_ok;
    }
    if (cmd.export_indicators->parsed() || cmd.export_values->parsed()) {
        auto civic = open_civic(db, Create::Never);
        const auto ctx = cli_context(*civic);
        const bool definitions = cmd.export_indicators->parsed();
        std::optional<std::string> which;
        if (!cmd.indicator.empty()) which = cmd.indicator;
        auto text = definitions ? civic->indicators->export_indicators_csv(ctx)
                                : civic->indicators->export_values_csv(ctx, which);
        if (!text) {
            fmt::print(stderr, "civic: nothing was exported.\n");
            print_errors(text.error());
            return k_exit_failed;
        }
        return write_out(cmd.output, *text, definitions ? "the indicators" : "the values");
    }
    return std::nullopt;
}

}  // namespace civic::cli

// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/civic.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "civic/core/embedded.hpp"
#include "civic/core/ids.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/problem.hpp"
#include "civic/http/static_files.hpp"
#include "civic/modules/accounts/pages.hpp"
#include "civic/modules/audit/api.hpp"
#include "civic/modules/calendar/api.hpp"
#include "civic/modules/cases/api.hpp"
#include "civic/modules/cases/pages.hpp"
#include "civic/modules/governance/api.hpp"
#include "civic/modules/governance/pages.hpp"
#include "civic/modules/indicators/api.hpp"
#include "civic/modules/indicators/dataset_api.hpp"
#include "civic/modules/indicators/home.hpp"
#include "civic/modules/indicators/pages.hpp"
#include "civic/modules/kit/link_api.hpp"
#include "civic/modules/org/api.hpp"
#include "civic/modules/org/pages.hpp"
#include "civic/modules/plans/api.hpp"
#include "civic/modules/plans/pages.hpp"
#include "civic/modules/risks/api.hpp"
#include "civic/modules/risks/pages.hpp"
#include "civic/store/migrations.hpp"

namespace civic::cli {

void print_errors(const Error& e) {
    fmt::print(stderr, "civic: {}\n", e.detail);
    for (const auto& fe : e.errors) fmt::print(stderr, "  {}: {}\n", fe.field, fe.message);
}

int not_imported(const std::string& file, const Error& e) {
    fmt::print(stderr, "civic: {} was not imported.\n", file);
    print_errors(e);
    return k_exit_failed;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error(
            fmt::format("Cannot read {}: no such file, or no permission.", path));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Writes the whole text to a file, replacing it, or throws with a message for a person. The
// text goes to a temporary file beside it first, so a failed write leaves no half a file.
void write_file(const std::string& path, std::string_view text) {
    const std::string temporary = path + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(temporary, ec);
            throw std::runtime_error(
                fmt::format("Cannot write {}: no such folder, no permission or no space.", path));
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        throw std::runtime_error(fmt::format("Cannot write {}: {}.", path, ec.message()));
    }
}

std::unique_ptr<Civic> open_civic(const std::string& location, Create create, int pool_size,
                                  Seed seed) {
    const bool is_file = !store::is_postgres_url(location);
    if (is_file && create == Create::Never && !std::filesystem::exists(location))
        throw std::runtime_error(
            fmt::format("There is no database at {}. Run 'civic init --db {}' to make one.",
                        location, location));
    if (is_file) {
        const auto parent = std::filesystem::path(location).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    auto civic = std::make_unique<Civic>();
    store::OpenOptions options;
    options.create = create == Create::IfMissing;
    options.pool_size = pool_size;
    civic->db = store::open_database(location, options);
    civic->created = store::current_schema_version(*civic->db) == 0;
    auto applied = store::apply_migrations(*civic->db);
    if (!applied) throw std::runtime_error(applied.error().detail);
    civic->org = std::make_unique<org::OrgService>(*civic->db);
    civic->accounts = std::make_unique<accounts::AccountsService>(*civic->db);
    civic->audit = std::make_unique<audit::AuditService>(*civic->db);
    civic->calendar = std::make_unique<calendar::CalendarService>(*civic->db);
    plans::PlanService::add_link_types(civic->link_types);
    indicators::IndicatorService::add_link_types(civic->link_types);
    governance::GovernanceService::add_link_types(civic->link_types);
    risks::RisksService::add_link_types(civic->link_types);
    cases::CasesService::add_link_types(civic->link_types);
    civic->links = std::make_unique<kit::LinkService>(*civic->db, civic->link_types);
    civic->plans = std::make_unique<plans::PlanService>(*civic->db, *civic->links);
    civic->datasets = std::make_unique<indicators::DatasetService>(*civic->db);
    civic->indicators =
        std::make_unique<indicators::IndicatorService>(*civic->db, *civic->links, *civic->datasets);
    civic->governance =
        std::make_unique<governance::GovernanceService>(*civic->db, *civic->links, *civic->org);
    civic->risks = std::make_unique<risks::RisksService>(*civic->db, *civic->org, *civic->links);
    civic->cases =
        std::make_unique<cases::CasesService>(*civic->db, *civic->links, *civic->indicators);
    // A council starts with the default case types (and one upgraded to them gets them too).
    if (seed == Seed::Defaults)
        if (auto seeded = civic->cases->ensure_default_case_types(cli_context(*civic)); !seeded)
            throw std::runtime_error(seeded.error().detail);
    return civic;
}

Context cli_context(const Civic& civic) {
    Principal p;
    p.user_id = "cli";
    p.username = "cli";
    p.display_name = "Command line";
    p.grants.push_back({Role::Administrator, std::nullopt});
    return Context{p, "cli-" + random_token(6), civic.clock.now()};
}

std::string council_name(Civic& civic) {
    org::ListQuery q;
    q.kind = "council";
    q.limit = 1;
    auto page = civic.org->list_units(Context{}, q);
    if (page && !page->items.empty()) return page->items.front().name;
    return "Civic";
}

int load_demo(Civic& civic) {
    const auto json = find_embedded(civic_embedded_demo(), "council.json");
    if (!json) {
        fmt::print(stderr, "civic: this build has no demo council\n");
        return k_exit_failed;
    }
    auto loaded = civic.org->load_demo(cli_context(civic), *json);
    if (!loaded) {
        fmt::print(stderr, "civic: {}\n", loaded.error().detail);
        return k_exit_failed;
    }
    fmt::print("Loaded the demo council, {}: {} units, {} people, {} posts, {} memberships.\n",
               loaded->council_name, loaded->units, loaded->people, loaded->posts,
               loaded->memberships);
    // Then its plans, which name the council's units and people: every file under plans/.
    std::vector<plans::PlanService::DemoFile> files;
    for (const auto& f : civic_embedded_demo())
        if (f.path.starts_with("plans/"))
            files.push_back({f.path.substr(std::string_view("plans/").size()), f.contents});
    auto plans = civic.plans->load_demo(cli_context(civic), files);
    if (!plans) {
        fmt::print(stderr, "civic: the demo plans were not loaded. {}\n", plans.error().detail);
        for (const auto& fe : plans.error().errors)
            fmt::print(stderr, "  {}: {}\n", fe.field, fe.message);
        return k_exit_failed;
    }
    plans::ImportSummary total;
    for (const auto& p : *plans) {
        total.items += p.items;
        total.measures += p.measures;
        total.updates += p.updates;
        total.links += p.links;
    }
    fmt::print(
        "Loaded the demo plans: {} plans, {} items, {} measures, {} progress updates, {} "
        "links.\n",
        plans->size(), total.items, total.measures, total.updates, total.links);
    // Then its indicators, which serve the plans' items: every file under indicators/.
    std::vector<indicators::IndicatorService::DemoFile> indicator_files;
    for (const auto& f : civic_embedded_demo())
        if (f.path.starts_with("indicators/"))
            indicator_files.push_back(
                {f.path.substr(std::string_view("indicators/").size()), f.contents});
    if (!indicator_files.empty()) {
        auto shown = civic.indicators->load_demo(cli_context(civic), indicator_files);
        if (!shown) {
            fmt::print(stderr, "civic: the demo indicators were not loaded.\n");
            print_errors(shown.error());
            return k_exit_failed;
        }
        fmt::print("Loaded the demo indicators: {} indicators, {} values, {} targets.\n",
                   shown->created, shown->values, shown->targets);
    }
    // Then its bodies and meetings: every file under governance/.
    std::vector<governance::GovernanceService::DemoFile> governance_files;
    for (const auto& f : civic_embedded_demo())
        if (f.path.starts_with("governance/"))
            governance_files.push_back(
                {f.path.substr(std::string_view("governance/").size()), f.contents});
    if (!governance_files.empty()) {
        auto met = civic.governance->load_demo(cli_context(civic), governance_files);
        if (!met) {
            fmt::print(stderr, "civic: the demo governance was not loaded.\n");
            print_errors(met.error());
            return k_exit_failed;
        }
        fmt::print(
            "Loaded the demo governance: {} bodies, {} meetings, {} agenda items, {} "
            "decision{}, {} action{}.\n",
            met->bodies, met->meetings, met->items, met->decisions, met->decisions == 1 ? "" : "s",
            met->actions, met->actions == 1 ? "" : "s");
    }
    // Then its risk registers: every file under risks/.
    std::vector<std::pair<std::string, std::string>> risk_files;
    for (const auto& f : civic_embedded_demo())
        if (f.path.starts_with("risks/"))
            risk_files.emplace_back(f.path.substr(std::string_view("risks/").size()), f.contents);
    if (!risk_files.empty()) {
        auto made = civic.risks->load_demo(cli_context(civic), risk_files);
        if (!made) {
            fmt::print(stderr, "civic: the demo risks were not loaded.\n");
            print_errors(made.error());
            return k_exit_failed;
        }
        fmt::print("Loaded the demo risks: {} registers, {} risks, {} reviews, {} issues.\n",
                   made->registers, made->risks, made->reviews, made->issues);
    }
    // Then its cases: member enquiries, complaints, FOI requests and the rest.
    std::vector<std::pair<std::string, std::string>> case_files;
    for (const auto& f : civic_embedded_demo())
        if (f.path.starts_with("cases/"))
            case_files.emplace_back(f.path.substr(std::string_view("cases/").size()), f.contents);
    if (!case_files.empty()) {
        auto made = civic.cases->load_demo(cli_context(civic), case_files);
        if (!made) {
            fmt::print(stderr, "civic: the demo cases were not loaded.\n");
            print_errors(made.error());
            return k_exit_failed;
        }
        const std::string types = made->case_types == 0
                                      ? std::string()
                                      : fmt::format("; {} case type{} added", made->case_types,
                                                    made->case_types == 1 ? "" : "s");
        fmt::print(
            "Loaded the demo cases: {} cases, {} of them open, with {} responses and {} other "
            "events{}.\n",
            made->cases, made->open, made->responses, made->events, types);
    }
    return k_exit_ok;
}

std::unique_ptr<http::App> build_app(Civic& civic, http::PageRenderer& pages,
                                     const std::string& assets_dir) {
    auto app = std::make_unique<http::App>();
    auto& router = app->router();
    app->set_authenticator(accounts::make_authenticator(*civic.accounts, civic.clock));
    app->set_error_pages(
        [&pages](const http::Request& r, const Error& e) { return pages.error_page(r, e); });

    router.add(http::Method::Get, "/healthz",
               [](http::Request&) { return http::Response::json(200, R"({"status":"ok"})"); });
    router.add(http::Method::Get, "/readyz", [&civic](http::Request& r) {
        try {
            civic.db->read(
                [](store::Connection& c) { c.query("SELECT 1", {}, [](const store::Row&) {}); });
        } catch (const std::exception&) {
            auto res = http::problem_response(
                r, Error{ErrorKind::Unavailable, "Civic cannot reach its database.", {}});
            res.set_header("retry-after", "5");
            return res;
        }
        return http::Response::json(200, R"({"status":"ready"})");
    });
    router.add(http::Method::Get, "/api/v1/openapi.json", [](http::Request&) {
        const auto doc = find_embedded(civic_embedded_docs(), "openapi.json");
        auto res = http::Response::json(200, std::string(doc.value_or("{}")));
        res.set_header("cache-control", "public, max-age=300");
        return res;
    });
    http::add_static_routes(router, assets_dir);
    org::register_api(router, *civic.org, civic.clock);
    org::register_pages(router, *civic.org, pages, civic.clock);
    audit::register_api(router, *civic.audit, civic.clock);
    calendar::register_api(router, *civic.calendar, civic.clock);
    plans::register_api(router, *civic.plans, civic.clock);
    plans::register_pages(router, *civic.plans, *civic.org, *civic.links, pages, civic.clock);
    indicators::register_api(router, *civic.indicators, civic.clock);
    indicators::register_dataset_api(router, *civic.datasets, civic.clock);
    indicators::register_pages(router, *civic.indicators, *civic.org, *civic.links, pages,
                               civic.clock);
    indicators::register_home_panel(pages, *civic.indicators, civic.clock);
    governance::register_api(router, *civic.governance, civic.clock);
    governance::register_pages(router, *civic.governance, *civic.org, *civic.links, pages,
                               civic.clock);
    risks::register_api(router, *civic.risks, civic.clock);
    risks::register_pages(router, *civic.risks, *civic.org, pages, civic.clock);
    cases::register_api(router, *civic.cases, civic.clock);
    cases::register_pages(router, *civic.cases, *civic.org, pages, civic.clock);
    kit::register_link_api(router, *civic.links, civic.clock);
    accounts::register_pages(router, *civic.accounts, pages, civic.clock);
    return app;
}

}  // namespace civic::cli

// SPDX-License-Identifier: AGPL-3.0-or-later
// civic: the one binary. Subcommands: serve, init, demo, user, token, import, export, backup,
// migrate-db, calendar, check, routes, version. Every subcommand that touches data takes --db.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "civic/cli/calendar_command.hpp"
#include "civic/cli/cases_command.hpp"
#include "civic/cli/check_command.hpp"
#include "civic/cli/civic.hpp"
#include "civic/cli/governance_command.hpp"
#include "civic/cli/indicators_command.hpp"
#include "civic/cli/risks_command.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/log.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"
#include "civic/http/server.hpp"
#include "civic/store/copy.hpp"
#include "civic/store/migrations.hpp"
#include "civic/store/sqlite_database.hpp"

namespace civic::cli {
namespace {

constexpr std::string_view k_version = "0.1.0";

std::string default_db() {
    if (const char* env = std::getenv("CIVIC_DB"); env && *env) return env;
    return "var/civic.db";
}

// The assets folder sits beside the binary (build/assets), wherever it is run from.
std::string default_assets_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) return (exe.parent_path() / "assets").string();
    return "build/assets";
}

// JSON laid out for a person to read and for a version-control diff: one member or element a
// line, indented two spaces, members in the order written.
void append_pretty(std::string& out, const boost::json::value& v, int indent) {
    const auto newline = [&](int level) {
        out += '\n';
        out.append(static_cast<std::size_t>(level) * 2, ' ');
    };
    if (v.is_object()) {
        const auto& o = v.as_object();
        if (o.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (const auto& [key, value] : o) {
            if (!first) out += ',';
            first = false;
            newline(indent + 1);
            out += boost::json::serialize(boost::json::string(key));
            out += ": ";
            append_pretty(out, value, indent + 1);
        }
        newline(indent);
        out += '}';
    } else if (v.is_array()) {
        const auto& a = v.as_array();
        if (a.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        bool first = true;
        for (const auto& value : a) {
            if (!first) out += ',';
            first = false;
            newline(indent + 1);
            append_pretty(out, value, indent + 1);
        }
        newline(indent);
        out += ']';
    } else {
        out += boost::json::serialize(v);
    }
}

std::string pretty_json(const boost::json::value& v) {
    std::string out;
    append_pretty(out, v, 0);
    return out;
}

// "105 items, 158 measures, 112 progress updates and 0 links"
std::string import_counts(const plans::ImportSummary& s) {
    const auto count = [](int n, std::string_view one, std::string_view many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    return fmt::format("{}, {}, {} and {}", count(s.items, "item", "items"),
                       count(s.measures, "measure", "measures"),
                       count(s.updates, "progress update", "progress updates"),
                       count(s.links, "link", "links"));
}

// The timing words of a plan's items and measures that Civic could not read, one line each
// ("3.5: by the end of the parish year"): kept as written, for a person to review.
std::vector<std::string> timing_for_review(Civic& civic, const std::string& plan_id) {
    std::vector<std::string> out;
    auto tree = civic.plans->tree(cli_context(civic), plan_id, plans::ItemQuery{});
    if (!tree) return out;
    for (const auto& view : tree->items)
        for (const auto& words : view.timing_for_review)
            out.push_back(fmt::format("{}: {}", shown_safely(view.item.ref), shown_safely(words)));
    return out;
}

struct ServeOptions {
    http::ServerOptions server;
    std::string assets;
    bool demo = true;
    std::size_t body_limit_mib = 10;
    int db_pool = 8;
    int header_timeout_s = 10;
};

int serve(const std::string& db_path, ServeOptions& o) {
    auto civic = open_civic(db_path, Create::IfMissing, o.db_pool);
    if (civic->created && o.demo) {
        // First start: the demo council and an administrator, so a new user sees a working system.
        if (int rc = load_demo(*civic); rc != k_exit_ok) return rc;
    }
    if (civic->accounts->no_users()) {
        const std::string password = random_token(15);
        accounts::NewUser admin{"admin", "Administrator", password, Role::Administrator,
                                std::nullopt};
        auto added = civic->accounts->add_user(cli_context(*civic), admin);
        if (!added) {
            print_errors(added.error());
            return k_exit_failed;
        }
        fmt::print(
            "\nSign in as the administrator (shown once; keep it safe):\n  username: admin\n  "
            "password: {}\n\n",
            password);
    }
    http::PageRenderer pages(http::SiteInfo{[&civic] { return council_name(*civic); }});
    auto app = build_app(*civic, pages, o.assets.empty() ? default_assets_dir() : o.assets);
    o.server.body_limit = o.body_limit_mib * 1024 * 1024;
    o.server.header_timeout = std::chrono::seconds(o.header_timeout_s);
    http::Server server(o.server, [&app](http::Request& r) { return app->handle(r); });
    const unsigned short port = server.listen();
    const std::string host = o.server.bind == "0.0.0.0" ? "localhost" : o.server.bind;
    fmt::print("Civic is serving on http://{}:{}\n", host, port);
    std::fflush(stdout);
    server.run();
    civic->db->close();
    spdlog::info("stopped cleanly");
    return k_exit_ok;
}

// The route table needs services but never touches the database: an in-memory one, whose
// migrations are not news to someone listing routes, so they are not logged.
// With query, each line also lists the query parameters the route understands.
int print_routes(bool query) {
    const auto level = spdlog::default_logger()->level();
    spdlog::default_logger()->set_level(spdlog::level::warn);
    auto civic = open_civic(":memory:", Create::IfMissing);
    spdlog::default_logger()->set_level(level);
    http::PageRenderer pages(http::SiteInfo{});
    auto app = build_app(*civic, pages, default_assets_dir());
    for (const auto& r : app->router().routes()) {
        std::string params;
        for (const auto& q : r.query) params += (params.empty() ? " " : ",") + q;
        fmt::print("{} {}{}\n", http::method_name(r.method), r.pattern, query ? params : "");
    }
    return k_exit_ok;
}

// --unit names a unit by its exact name or its id; nullopt (and a message) when it names none.
std::optional<std::string> unit_id_for(Civic& civic, const std::string& unit) {
    auto found = civic.org->find_unit_by_id_or_name(cli_context(civic), unit);
    if (!found) {
        print_errors(found.error());
        return std::nullopt;
    }
    return found->id;
}

// The id of a person named on the command line: an id, or a live person's exact name
// (capitals do not matter). Prints what is wrong and returns nullopt otherwise.
std::optional<std::string> person_id_for(Civic& civic, const std::string& person) {
    const Context ctx = cli_context(civic);
    if (is_id(person)) return person;
    org::ListQuery q;
    q.name = person;
    q.limit = 200;
    std::vector<std::string> ids;
    for (;;) {
        auto page = civic.org->list_people(ctx, q);
        if (!page) break;
        for (const auto& p : page->items)
            if (equal_ignoring_case(p.person.name, person)) ids.push_back(p.person.id);
        if (!page->next_cursor) break;
        q.cursor = page->next_cursor;
    }
    if (ids.size() == 1) return ids.front();
    print_errors(Error::validation(
        "person", ids.empty()
                      ? fmt::format("There is no one in the register called \"{}\"; give their "
                                    "exact name (capital letters do not matter) or their id",
                                    shown_safely(person))
                      : fmt::format("{} people are called \"{}\"; give the id of the one you mean: "
                                    "{}",
                                    ids.size(), shown_safely(person), fmt::join(ids, ", "))));
    return std::nullopt;
}

// " of unit Corporate Support (0190…)", or "" for the whole council.
std::string unit_phrase(Civic& civic, const std::optional<std::string>& unit_id) {
    if (!unit_id) return "";
    auto unit = civic.org->get_unit(cli_context(civic), *unit_id);
    return unit ? fmt::format(" of unit {} ({})", shown_safely(unit->name), unit->id)
                : " of unit " + *unit_id;
}

// The one text rule (core/utf8.hpp) for the command line: every argument is one line of
// UTF-8 text with no control characters. Prints what is wrong, naming the option, and returns
// false when an argument breaks it.
bool arguments_are_text(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto fault = text_fault(arg, Lines::One);
        if (fault == TextFault::None) continue;
        std::string what = fmt::format("argument {}", i);
        if (arg.starts_with("--") && arg.find('=') != std::string_view::npos) {
            what = fmt::format("the value of {}", shown_safely(arg.substr(0, arg.find('='))));
        } else if (i > 1 && std::string_view(argv[i - 1]).starts_with("--") &&
                   text_fault(argv[i - 1], Lines::One) == TextFault::None) {
            what = fmt::format("the value of {}", argv[i - 1]);
        }
        fmt::print(stderr, "civic: {} {} (see 'civic --help')\n", what, describe(fault));
        return false;
    }
    return true;
}

}  // namespace

int run(int argc, char** argv) {
    if (!arguments_are_text(argc, argv)) return k_exit_usage;
    CLI::App app{"Civic: the corporate management system of a council.", "civic"};
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Show help for every subcommand");
    std::string log_level = "info";
    app.add_option("--log-level", log_level, "Log level: trace, debug, info, warn, error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

    std::string db = default_db();
    const auto add_db = [&db](CLI::App* sub) {
        sub->add_option("--db", db,
                        "The database: an SQLite file (default var/civic.db) or "
                        "postgres://user@host:port/name; "
                        "$CIVIC_DB sets the default");
    };

    ServeOptions serve_opts;
    auto* serve_cmd = app.add_subcommand("serve", "Serve the web pages and the API");
    add_db(serve_cmd);
    serve_cmd->add_option("--port", serve_opts.server.port, "Port to listen on (0: any free port)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    serve_cmd->add_option("--bind", serve_opts.server.bind, "Address to listen on")
        ->check(CLI::ValidIPV4 | CLI::IsMember({"::", "::1"}))
        ->capture_default_str();
    serve_cmd->add_option("--threads", serve_opts.server.threads, "Worker threads")
        ->check(CLI::Range(1, 64));
    serve_cmd
        ->add_option("--db-pool", serve_opts.db_pool,
                     "Database connections kept open: PostgreSQL connections, or SQLite readers")
        ->check(CLI::Range(1, 200));
    serve_cmd
        ->add_option("--body-limit-mib", serve_opts.body_limit_mib, "Largest request body, in MiB")
        ->check(CLI::Range(1, 1024));
    serve_cmd
        ->add_option("--header-timeout-s", serve_opts.header_timeout_s,
                     "Seconds a client has to send a request's headers, from its first byte")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
    serve_cmd->add_option("--assets", serve_opts.assets, "Folder of stylesheets, fonts and images")
        ->check(CLI::ExistingDirectory);
    serve_cmd->add_flag("!--no-demo", serve_opts.demo,
                        "Do not load the demo council into a new database");
    serve_cmd->add_flag("!--no-access-log", serve_opts.server.access_log,
                        "Do not log each request");
    serve_cmd->add_flag("--trust-proxy", serve_opts.server.trust_proxy,
                        "Behind a TLS proxy: honour X-Forwarded-Proto and X-Forwarded-For");

    auto* init_cmd =
        app.add_subcommand("init", "Create the database, or bring its schema up to date");
    add_db(init_cmd);

    auto* demo_cmd = app.add_subcommand("demo", "Load the demo council into an empty database");
    add_db(demo_cmd);

    auto* user_cmd = app.add_subcommand("user", "Manage users");
    user_cmd->require_subcommand(1);
    accounts::NewUser new_user;
    std::string role_text = "viewer";
    std::string unit;
    bool password_stdin = false;
    auto* user_add = user_cmd->add_subcommand("add", "Add a user with a role");
    add_db(user_add);
    user_add->add_option("--username", new_user.username, "Sign-in name")->required();
    user_add->add_option("--name", new_user.display_name, "The person's name")->required();
    user_add
        ->add_option("--role", role_text,
                     "administrator, editor or viewer; without --role the user is a viewer")
        ->check(CLI::IsMember({"administrator", "editor", "viewer"}))
        ->capture_default_str();
    user_add->add_option("--unit", unit,
                         "Limit the role to this unit's subtree: the unit's exact name, or its id");
    user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
    std::string person;
    user_add->add_option("--person", person,
                         "The person in the register this user is: their exact name, or their id");

    std::string link_username, link_person;
    auto* user_link = user_cmd->add_subcommand(
        "link", "Say which person in the register a user is (for \"my actions\")");
    add_db(user_link);
    user_link->add_option("--username", link_username, "Sign-in name")->required();
    user_link->add_option("--person", link_person, "The person's exact name, or their id")
        ->required();

    std::string grant_username, grant_role = "viewer", grant_unit;
    auto* user_grant = user_cmd->add_subcommand("grant", "Give an existing user another role");
    add_db(user_grant);
    user_grant->add_option("--username", grant_username, "Sign-in name")->required();
    user_grant->add_option("--role", grant_role, "administrator, editor or viewer")
        ->required()
        ->check(CLI::IsMember({"administrator", "editor", "viewer"}));
    user_grant->add_option(
        "--unit", grant_unit,
        "Limit the role to this unit's subtree: the unit's exact name, or its id");

    auto* token_cmd = app.add_subcommand("token", "Manage API tokens");
    token_cmd->require_subcommand(1);
    std::string token_user, token_name = "script";
    auto* token_create =
        token_cmd->add_subcommand("create", "Print a new bearer token for scripts");
    add_db(token_create);
    token_create->add_option("--user", token_user, "The username the token acts as")->required();
    token_create->add_option("--name", token_name, "What the token is for");
    std::string token_id, list_user;
    auto* token_list = token_cmd->add_subcommand("list", "List the tokens (never their secrets)");
    add_db(token_list);
    token_list->add_option("--user", list_user, "Only this user's tokens");
    auto* token_revoke = token_cmd->add_subcommand("revoke", "End a token now");
    add_db(token_revoke);
    token_revoke->add_option("id", token_id, "The token's id, from civic token list")->required();
    auto* user_list = user_cmd->add_subcommand("list", "List the users and their roles");
    add_db(user_list);

    auto* import_cmd = app.add_subcommand(
        "import", "Import a CSV file, a plan's JSON or a benchmark dataset, all or nothing");
    import_cmd->require_subcommand(1);
    std::string import_file;
    auto* import_units =
        import_cmd->add_subcommand("units", "Import units: columns name,kind,parent,description");
    auto* import_people = import_cmd->add_subcommand(
        "people",
        "Import people: columns name,kind,unit,honorific_prefix,published,email,phone,summary");
    for (auto* sub : {import_units, import_people}) {
        add_db(sub);
        sub->add_option("file", import_file, "The CSV file")->required();
    }
    auto* import_plan = import_cmd->add_subcommand(
        "plan", "Import a plan from its JSON export (civic export plan) as a new draft plan");
    add_db(import_plan);
    import_plan->add_option("file", import_file, "The JSON file")->required();
    std::string import_plan_id;
    auto* import_plan_items = import_cmd->add_subcommand(
        "plan-items",
        "Add items to a plan from a spreadsheet: columns Ref, Parent ref, Kind, Title, "
        "Description, Measure, Timing, Notes, Constraints, Lead, Unit, Status, Themes");
    add_db(import_plan_items);
    import_plan_items->add_option("file", import_file, "The CSV file")->required();
    import_plan_items->add_option("--plan", import_plan_id, "The plan's id")->required();

    auto* export_cmd = app.add_subcommand("export", "Write a record out as a file");
    export_cmd->require_subcommand(1);
    std::string export_plan_id, export_output;
    auto* export_plan = export_cmd->add_subcommand(
        "plan", "Write a plan, its items, measures, updates and links as one JSON document");
    add_db(export_plan);
    export_plan->add_option("id", export_plan_id, "The plan's id")->required();
    export_plan->add_option("--output", export_output,
                            "Write to this file instead of standard output");

    std::string backup_file;
    auto* backup_cmd =
        app.add_subcommand("backup", "Copy the database to a file while it is in use");
    add_db(backup_cmd);
    backup_cmd->add_option("file", backup_file, "Where to write the copy")->required();

    std::string copy_from, copy_to;
    auto* migrate_cmd = app.add_subcommand(
        "migrate-db",
        "Copy a whole council to another database (e.g. SQLite to PostgreSQL), all or nothing");
    migrate_cmd->add_option("--from", copy_from, "The database to copy from")->required();
    migrate_cmd->add_option("--to", copy_to, "The database to copy to: it must be empty")
        ->required();

    CalendarCommand calendar_cmd;
    add_calendar_command(app, calendar_cmd, db);
    IndicatorsCommand indicators_cmd;
    add_indicators_command(*import_cmd, *export_cmd, indicators_cmd, add_db);
    GovernanceCommand governance_cmd;
    add_governance_command(*import_cmd, governance_cmd, add_db);
    RisksCommand risks_cmd;
    add_risks_command(*import_cmd, risks_cmd, add_db);
    CasesCommand cases_cmd;
    add_cases_command(app, *import_cmd, cases_cmd, add_db);

    CheckCommand check_cmd;
    add_check_command(app, check_cmd, db);

    auto* routes_cmd =
        app.add_subcommand("routes", "List every route the server answers, one a line");
    bool routes_query = false;
    routes_cmd->add_flag("--query", routes_query,
                         "Also list the query parameters each route understands");

    app.add_subcommand("version", "Print the version");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string what = e.what();
        if (const auto nl = what.find('\n'); nl != std::string::npos) what.resize(nl);
        fmt::print(stderr, "civic: {} (see 'civic --help')\n", what);
        return k_exit_usage;
    }
    init_logging(log_level);

    try {
        if (app.got_subcommand("version")) {
            fmt::print("civic {}\n", k_version);
            return k_exit_ok;
        }
        if (serve_cmd->parsed()) return serve(db, serve_opts);
        if (auto done = run_calendar_command(calendar_cmd, db)) return *done;
        if (auto done = run_indicators_command(indicators_cmd, db)) return *done;
        if (auto done = run_governance_command(governance_cmd, db)) return *done;
        if (auto done = run_risks_command(risks_cmd, db)) return *done;
        if (auto done = run_cases_command(cases_cmd, db)) return *done;
        if (auto done = run_check_command(check_cmd, db)) return *done;
        if (routes_cmd->parsed()) return print_routes(routes_query);
        if (init_cmd->parsed()) {
            auto civic = open_civic(db, Create::IfMissing);
            fmt::print("The database at {} is ready (schema version {}).\n", db,
                       store::latest_schema_version());
            return k_exit_ok;
        }
        if (demo_cmd->parsed()) {
            auto civic = open_civic(db, Create::IfMissing);
            return load_demo(*civic);
        }
        if (user_add->parsed()) {
            auto civic = open_civic(db, Create::Never);
            if (password_stdin) {
                std::getline(std::cin, new_user.password);
            } else {
                new_user.password = random_token(15);
            }
            new_user.role = *parse_role(role_text);
            if (!unit.empty()) {
                new_user.unit_id = unit_id_for(*civic, unit);
                if (!new_user.unit_id) return k_exit_failed;
            }
            if (!person.empty()) {
                new_user.person_id = person_id_for(*civic, person);
                if (!new_user.person_id) return k_exit_failed;
            }
            auto added = civic->accounts->add_user(cli_context(*civic), new_user);
            if (!added) {
                print_errors(added.error());
                return k_exit_failed;
            }
            fmt::print("Added {} ({}) as {}{}.\n", added->username, added->display_name, role_text,
                       unit_phrase(*civic, new_user.unit_id));
            if (!password_stdin) fmt::print("Password (shown once): {}\n", new_user.password);
            return k_exit_ok;
        }
        if (user_grant->parsed()) {
            auto civic = open_civic(db, Create::Never);
            std::optional<std::string> unit_id;
            if (!grant_unit.empty()) {
                unit_id = unit_id_for(*civic, grant_unit);
                if (!unit_id) return k_exit_failed;
            }
            auto granted = civic->accounts->grant(cli_context(*civic), grant_username,
                                                  *parse_role(grant_role), unit_id);
            if (!granted) {
                print_errors(granted.error());
                return k_exit_failed;
            }
            fmt::print("{} is now also {}{}.\n", grant_username, grant_role,
                       unit_phrase(*civic, unit_id));
            return k_exit_ok;
        }
        if (user_link->parsed()) {
            auto civic = open_civic(db, Create::Never);
            const auto person_id = person_id_for(*civic, link_person);
            if (!person_id) return k_exit_failed;
            auto linked =
                civic->accounts->link_person(cli_context(*civic), link_username, person_id);
            if (!linked) {
                print_errors(linked.error());
                return k_exit_failed;
            }
            fmt::print("{} is now linked to {} ({}).\n", link_username, shown_safely(link_person),
                       *person_id);
            return k_exit_ok;
        }
        if (user_list->parsed()) {
            auto civic = open_civic(db, Create::Never);
            auto users = civic->accounts->list_users(cli_context(*civic));
            if (!users) {
                print_errors(users.error());
                return k_exit_failed;
            }
            for (const auto& u : *users) {
                std::string roles;
                for (const auto& g : u.grants)
                    roles += fmt::format("{}{}{}", roles.empty() ? "" : ", ", role_name(g.role),
                                         g.unit_id ? " of unit " + *g.unit_id : std::string());
                fmt::print("{}\t{}\t{}{}\n", u.username, u.display_name,
                           roles.empty() ? "no role" : roles, u.disabled ? "\tdisabled" : "");
            }
            return k_exit_ok;
        }
        if (token_list->parsed()) {
            auto civic = open_civic(db, Create::Never);
            std::optional<std::string> who;
            if (!list_user.empty()) who = list_user;
            auto tokens = civic->accounts->list_tokens(cli_context(*civic), who);
            if (!tokens) {
                print_errors(tokens.error());
                return k_exit_failed;
            }
            for (const auto& t : *tokens)
                fmt::print("{}\t{}\t{}\tcreated {}\t{}\n", t.id, t.username, t.name, t.created_at,
                           t.expires_at ? "ended " + *t.expires_at : std::string("active"));
            return k_exit_ok;
        }
        if (token_revoke->parsed()) {
            auto civic = open_civic(db, Create::Never);
            auto revoked = civic->accounts->revoke_token(cli_context(*civic), token_id);
            if (!revoked) {
                print_errors(revoked.error());
                return k_exit_failed;
            }
            fmt::print("Revoked {}'s token {} ({}).\n", revoked->username, revoked->id,
                       revoked->name);
            return k_exit_ok;
        }
        if (token_create->parsed()) {
            auto civic = open_civic(db, Create::Never);
            auto token = civic->accounts->create_token(cli_context(*civic), token_user, token_name);
            if (!token) {
                print_errors(token.error());
                return k_exit_failed;
            }
            fmt::print("{}\n", *token);
            return k_exit_ok;
        }
        if (import_units->parsed() || import_people->parsed()) {
            const std::string text = read_file(import_file);
            auto civic = open_civic(db, Create::Never);
            const bool units = import_units->parsed();
            auto ctx = cli_context(*civic);
            auto done =
                units ? civic->org->import_units(ctx, text) : civic->org->import_people(ctx, text);
            if (!done) {
                fmt::print(stderr, "civic: {} was not imported.\n", import_file);
                print_errors(done.error());
                return k_exit_failed;
            }
            const char* noun = units ? (done->created == 1 ? "unit" : "units")
                                     : (done->created == 1 ? "person" : "people");
            fmt::print("Imported {} {} from {}.\n", done->created, noun, import_file);
            return k_exit_ok;
        }
        if (import_plan->parsed() || import_plan_items->parsed()) {
            const std::string text = read_file(import_file);
            auto civic = open_civic(db, Create::Never);
            const bool whole = import_plan->parsed();
            auto ctx = cli_context(*civic);
            auto done = whole ? civic->plans->import_plan(ctx, text)
                              : civic->plans->import_items_csv(ctx, import_plan_id, text);
            if (!done) {
                fmt::print(stderr, "civic: {} was not imported.\n", import_file);
                print_errors(done.error());
                return k_exit_failed;
            }
            fmt::print("{} {} from {}: {}.\n", whole ? "Imported the new plan" : "Added to plan",
                       done->plan_id, import_file, import_counts(*done));
            if (auto review = timing_for_review(*civic, done->plan_id); !review.empty()) {
                fmt::print(
                    "Timing words in the plan that Civic could not read, kept as written for a "
                    "person to review:\n");
                for (const auto& line : review) fmt::print("  {}\n", line);
            }
            return k_exit_ok;
        }
        if (export_plan->parsed()) {
            auto civic = open_civic(db, Create::Never);
            auto doc = civic->plans->export_plan(cli_context(*civic), export_plan_id);
            if (!doc) {
                fmt::print(stderr, "civic: the plan was not exported.\n");
                print_errors(doc.error());
                return k_exit_failed;
            }
            const std::string text = pretty_json(*doc) + "\n";
            if (export_output.empty()) {
                fmt::print("{}", text);
                return k_exit_ok;
            }
            write_file(export_output, text);
            fmt::print("Wrote plan {} to {}.\n", export_plan_id, export_output);
            return k_exit_ok;
        }
        if (migrate_cmd->parsed()) {
            // Neither end is given anything: the copy must find the target empty, and leave
            // the source as it was.
            auto from = open_civic(copy_from, Create::Never, 8, Seed::Nothing);
            auto to = open_civic(copy_to, Create::IfMissing, 8, Seed::Nothing);
            auto copied = store::copy_database(*from->db, *to->db);
            if (!copied) {
                fmt::print(stderr, "civic: nothing was copied. {}\n", copied.error().detail);
                return k_exit_failed;
            }
            std::int64_t total = 0;
            for (const auto& t : *copied) {
                fmt::print("{:<20} {:>8} rows\n", t.table, t.rows);
                total += t.rows;
            }
            fmt::print("Copied {} rows in {} tables from {} to {}.\n", total, copied->size(),
                       copy_from, copy_to);
            return k_exit_ok;
        }
        if (backup_cmd->parsed()) {
            auto civic = open_civic(db, Create::Never);
            auto* sqlite = dynamic_cast<store::SqliteDatabase*>(civic->db.get());
            if (!sqlite) {
                fmt::print(stderr,
                           "civic: backup copies SQLite databases; use pg_dump for PostgreSQL\n");
                return k_exit_failed;
            }
            if (std::filesystem::exists(backup_file)) {
                fmt::print(stderr, "civic: {} already exists; choose a new file name\n",
                           backup_file);
                return k_exit_failed;
            }
            sqlite->backup_to(backup_file);
            fmt::print("Copied {} to {}.\n", db, backup_file);
            return k_exit_ok;
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "civic: {}\n", e.what());
        return k_exit_failed;
    }
    return k_exit_usage;
}

}  // namespace civic::cli

int main(int argc, char** argv) { return civic::cli::run(argc, argv); }

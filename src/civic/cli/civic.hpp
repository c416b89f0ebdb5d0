// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The wiring: opens the store, applies migrations, builds the services and registers each
// module's routes. Nothing else in Civic knows every module.

#include <memory>
#include <string>

#include "civic/core/clock.hpp"
#include "civic/http/app.hpp"
#include "civic/http/render.hpp"
#include "civic/modules/accounts/service.hpp"
#include "civic/modules/audit/service.hpp"
#include "civic/modules/calendar/service.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/indicators/datasets.hpp"
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/plans/service.hpp"
#include "civic/modules/risks/service.hpp"
#include "civic/store/database.hpp"

namespace civic::cli {

// Exit codes: 0 done, 1 refused or failed, 2 the command line itself was wrong.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failed = 1;
inline constexpr int k_exit_usage = 2;

struct Civic {
    std::unique_ptr<store::Database> db;
    SystemClock clock;
    std::unique_ptr<org::OrgService> org;
    std::unique_ptr<accounts::AccountsService> accounts;
    std::unique_ptr<audit::AuditService> audit;
    std::unique_ptr<calendar::CalendarService> calendar;
    // The entity types links may join, as the modules add them, and the links themselves.
    kit::LinkTypes link_types;
    std::unique_ptr<kit::LinkService> links;
    std::unique_ptr<plans::PlanService> plans;
    std::unique_ptr<indicators::DatasetService> datasets;
    std::unique_ptr<indicators::IndicatorService> indicators;
    std::unique_ptr<governance::GovernanceService> governance;
    std::unique_ptr<risks::RisksService> risks;
    std::unique_ptr<cases::CasesService> cases;
    bool created = false;  // the database was new: no schema before this start
};

enum class Create { IfMissing, Never };
// Whether opening gives a council that has none the records every council starts with (the
// default case types): yes for every command but a copy, whose ends must stay as they are.
enum class Seed { Defaults, Nothing };

// Opens the database and brings its schema up to date. Throws std::runtime_error with a
// message for a person when it cannot.
std::unique_ptr<Civic> open_civic(const std::string& location, Create create, int pool_size = 8,
                                  Seed seed = Seed::Defaults);

// The principal the command line acts as: an administrator called "cli".
Context cli_context(const Civic& civic);

// Builds the web application: every route of every module, the assets and the health checks.
std::unique_ptr<http::App> build_app(Civic& civic, http::PageRenderer& pages,
                                     const std::string& assets_dir);

// The council's name, for the page header: the first council at the top of the tree.
std::string council_name(Civic& civic);

// Prints an error and its field errors to stderr, as "civic: …".
void print_errors(const Error& e);
// Says that `file` was not imported, and why (print_errors); the exit code, k_exit_failed.
int not_imported(const std::string& file, const Error& e);
// The whole file, or throws std::runtime_error with a message for a person.
std::string read_file(const std::string& path);
// Writes the whole text to a file, replacing it, through a temporary file beside it, or throws.
void write_file(const std::string& path, std::string_view text);

// Loads the demo council; prints what it loaded. Returns an exit code.
int load_demo(Civic& civic);

}  // namespace civic::cli

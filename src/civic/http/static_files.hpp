// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Serves the GOV.UK Frontend stylesheet, fonts and images (and Civic's own) from the assets
// folder beside the binary, under /assets/.

#include <string>

#include "civic/http/router.hpp"

namespace civic::http {

void add_static_routes(Router& router, std::string assets_dir);

}  // namespace civic::http

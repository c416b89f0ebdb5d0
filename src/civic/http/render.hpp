// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Server-rendered pages: mustache templates (compiled into the binary from web/templates)
// filled from a JSON view model, inside the GOV.UK Frontend layout.

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/http/request.hpp"

namespace civic::http {

struct SiteInfo {
    // The council's name for the page header, asked for on every page so that a rename on
    // one server shows on every server.
    std::function<std::string()> council_name = [] { return std::string("Civic"); };
};

// One item of the service navigation at the top of every page. A module registers its
// own when it registers its pages; the layout knows no module.
struct NavItem {
    std::string label;  // "Plans"
    std::string href;   // "/plans"
    // The item is marked as the current one on pages under these paths ("/plans" covers
    // "/plans" and "/plans/…").
    std::vector<std::string> paths;
    // Shown only to a signed-in visitor: for a module with nothing public (risk registers).
    bool signed_in_only = false;
};

// A part of the home page a module adds for a signed-in visitor: what needs their attention
// in that module ("Indicator values due"). It answers the HTML to show (a module's own template,
// rendered), or nothing when there is nothing for this visitor.
using HomePanel = std::function<std::optional<std::string>(const Request&)>;

class PageRenderer {
public:
    explicit PageRenderer(SiteInfo site) : m_site(std::move(site)) {}

    // Adds an item to the navigation, after those added before. Called while the app is
    // built, before it serves.
    void add_navigation(NavItem item) { m_navigation.push_back(std::move(item)); }
    // Adds a panel to the home page, after those added before. Called while the app is built.
    void add_home_panel(HomePanel panel) { m_home_panels.push_back(std::move(panel)); }
    // The panels that have something for this visitor, in the order they were added.
    std::vector<std::string> home_panels(const Request& request) const;

    // Renders templates/<name>.mustache with view, inside the layout with title.
    // The layout adds the council name, navigation, sign-in state and the CSRF token
    // ({{csrf_token}} is available to every form).
    Response page(const Request& request, std::string_view name, std::string_view title,
                  boost::json::object view, int status = 200) const;

    // An error page in words, for browsers.
    Response error_page(const Request& request, const Error& error) const;

    // Renders one template without the layout.
    static std::string render(std::string_view name, const boost::json::value& view);

    const SiteInfo& site() const { return m_site; }

private:
    SiteInfo m_site;
    std::vector<NavItem> m_navigation;
    std::vector<HomePanel> m_home_panels;
};

// Leaves a one-line message ("Unit added") for the next page this browser renders, which shows
// it once in a GOV.UK success banner and clears it. It travels in a short-lived cookie that is
// bound to the signed-in session, so a cookie set by anyone else is ignored; without a session
// nothing is left.
void set_flash(Response& response, const Request& request, std::string_view message);

// The name of the cookie that carries the flash message.
inline constexpr std::string_view k_flash_cookie = "civic_flash";

// Builds the GOV.UK error-summary view ("errors": [{field, message, href}]) and a
// field -> message map ("error": {field: message}) from validation errors.
void add_form_errors(boost::json::object& view, const Error& error);

}  // namespace civic::http

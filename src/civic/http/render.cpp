// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <kainjow/mustache.hpp>
#include <map>
#include <mutex>
#include <stdexcept>

#include "civic/core/embedded.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/utf8.hpp"
#include "civic/http/app.hpp"
#include "civic/http/problem.hpp"

namespace civic::http {
namespace mst = kainjow::mustache;

namespace {

mst::data to_data(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::object: {
            mst::data d{mst::data::type::object};
            for (const auto& [k, val] : v.as_object()) d.set(std::string(k), to_data(val));
            return d;
        }
        case boost::json::kind::array: {
            mst::data d{mst::data::type::list};
            for (const auto& item : v.as_array()) d.push_back(to_data(item));
            return d;
        }
        // Empty text is false, as in JavaScript mustache: {{#email}}…{{/email}} shows nothing
        // for a person without one. kainjow would count "" as true.
        // Text that is not UTF-8, or holds control characters (a refused form value shown back,
        // a row stored before the text rule), is shown with U+FFFD in their place, so the page
        // stays valid UTF-8 whatever a view holds.
        case boost::json::kind::string: {
            const std::string_view text = v.as_string();
            if (text.empty()) return mst::data(false);
            if (text_fault(text, Lines::Many) != TextFault::None)
                return mst::data(shown_safely(text));
            return mst::data(std::string(text));
        }
        case boost::json::kind::bool_:
            return mst::data(v.as_bool());
        case boost::json::kind::int64:
            return mst::data(std::to_string(v.as_int64()));
        case boost::json::kind::uint64:
            return mst::data(std::to_string(v.as_uint64()));
        case boost::json::kind::double_:
            return mst::data(fmt::format("{}", v.as_double()));
        case boost::json::kind::null:
            return mst::data(false);
    }
    return mst::data(false);
}

// Templates are parsed once and kept; kainjow's mustache objects are not shared across threads
// while rendering, so each render copies the parsed template.
const mst::mustache& template_for(std::string_view name) {
    static std::mutex mutex;
    static std::map<std::string, mst::mustache, std::less<>> cache;
    std::scoped_lock lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return it->second;
    const auto text = find_embedded(civic_embedded_templates(), std::string(name) + ".mustache");
    if (!text) throw std::runtime_error(fmt::format("no template named {}", name));
    mst::mustache m{std::string(*text)};
    if (!m.is_valid())
        throw std::runtime_error(fmt::format("template {}: {}", name, m.error_message()));
    return cache.emplace(std::string(name), std::move(m)).first->second;
}

// The tag that binds a flash message to one session: sha256(key, sha256(key, message)), so it
// cannot be made, or lengthened, without the session's secret CSRF token.
std::string flash_tag(std::string_view key, std::string_view message) {
    const std::string k(key);
    return sha256_hex(k + sha256_hex(k + "\x1f" + std::string(message)));
}

std::string flash_cookie(const Request& request, std::string_view value, std::string_view extra) {
    return std::string(k_flash_cookie) + "=" + std::string(value) +
           "; Path=/; HttpOnly; SameSite=Lax" + (request.secure ? "; Secure" : "") +
           std::string(extra);
}

// The flash message this request carries, when its tag matches the session's; "" otherwise.
std::string read_flash(const Request& request) {
    const auto cookie = request.cookie(k_flash_cookie);
    if (!cookie || !request.via_session || request.session_csrf.empty()) return {};
    const auto dot = cookie->rfind('.');
    if (dot == std::string_view::npos) return {};
    const std::string message = percent_decode(cookie->substr(0, dot), false);
    if (message.size() > 200 || text_fault(message, Lines::One) != TextFault::None) return {};
    if (cookie->substr(dot + 1) != flash_tag(request.session_csrf, message)) return {};
    return message;
}

}  // namespace

void set_flash(Response& response, const Request& request, std::string_view message) {
    if (!request.via_session || request.session_csrf.empty()) return;
    const std::string value = url_encode(message) + "." + flash_tag(request.session_csrf, message);
    // A minute is long enough for the redirect that follows, and short enough that a message
    // left by a browser that never followed it does not turn up later.
    response.headers.push_back({"set-cookie", flash_cookie(request, value, "; Max-Age=60")});
}

std::string PageRenderer::render(std::string_view name, const boost::json::value& view) {
    mst::mustache tmpl = template_for(name);
    mst::data data = to_data(view);
    // Templates under partials/ can be included anywhere: {{> error_summary}}.
    if (data.is_object()) {
        for (const auto& f : civic_embedded_templates()) {
            constexpr std::string_view prefix = "partials/", suffix = ".mustache";
            if (!f.path.starts_with(prefix) || !f.path.ends_with(suffix)) continue;
            const std::string partial_name(
                f.path.substr(prefix.size(), f.path.size() - prefix.size() - suffix.size()));
            const std::string text(f.contents);
            data.set(partial_name, mst::partial([text] { return text; }));
        }
    }
    return tmpl.render(data);
}

Response PageRenderer::page(const Request& request, std::string_view name, std::string_view title,
                            boost::json::object view, int status) const {
    Response response;
    const std::string csrf = csrf_token_for(request, &response);
    view["csrf_token"] = csrf;
    // A flash message is shown once: this page clears it, so a reload does not show it again.
    if (request.cookie(k_flash_cookie)) {
        view["flash"] = read_flash(request);
        response.headers.push_back({"set-cookie", flash_cookie(request, "", "; Max-Age=0")});
    }
    boost::json::object layout;
    layout["title"] = title;
    layout["council_name"] = m_site.council_name();
    layout["csrf_token"] = csrf;
    layout["signed_in"] = request.principal.signed_in();
    layout["user_name"] = request.principal.display_name;
    layout["path"] = request.path;
    boost::json::array nav;
    for (const auto& item : m_navigation) {
        if (item.signed_in_only && !request.principal.signed_in()) continue;
        const bool current = std::any_of(item.paths.begin(), item.paths.end(), [&](const auto& p) {
            return request.path == p || request.path.starts_with(p + "/");
        });
        nav.push_back(
            boost::json::object{{"label", item.label}, {"href", item.href}, {"current", current}});
    }
    layout["navigation"] = std::move(nav);
    layout["content"] = render(name, view);
    response.status = status;
    response.body = render("layout/page", layout);
    response.set_header("content-type", "text/html; charset=utf-8");
    response.set_header("content-security-policy",
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' "
                        "data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'");
    return response;
}

Response PageRenderer::error_page(const Request& request, const Error& error) const {
    boost::json::object view;
    view["heading"] = title_for(error.kind);
    view["detail"] = error.detail;
    view["request_id"] = request.request_id;
    view["sign_in"] = error.kind == ErrorKind::Unauthorized;
    view["return_to"] = request.target;
    return page(request, "layout/error", title_for(error.kind), std::move(view),
                status_for(error.kind));
}

void add_form_errors(boost::json::object& view, const Error& error) {
    boost::json::array list;
    boost::json::object by_field;
    for (const auto& e : error.errors) {
        list.push_back(boost::json::object{
            {"field", e.field}, {"message", e.message}, {"href", "#" + e.field}});
        if (!by_field.contains(e.field)) by_field[e.field] = e.message;
    }
    if (error.errors.empty() && !error.detail.empty())
        list.push_back(boost::json::object{{"message", error.detail}, {"href", "#main-content"}});
    view["has_errors"] = !list.empty();
    view["errors"] = std::move(list);
    view["error"] = std::move(by_field);
}

std::vector<std::string> PageRenderer::home_panels(const Request& request) const {
    std::vector<std::string> out;
    for (const auto& panel : m_home_panels)
        if (auto html = panel(request)) out.push_back(std::move(*html));
    return out;
}

}  // namespace civic::http

// SPDX-License-Identifier: AGPL-3.0-or-later
// Page rendering: text that is not UTF-8 never reaches a page as raw bytes, and the flash
// message after a save is shown once, only to the session that saved.

#include "civic/http/render.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "civic/core/utf8.hpp"
#include "civic/http/request.hpp"

namespace civic::http {
namespace {

Request signed_in_request(std::string path, std::string csrf) {
    Request r;
    r.path = path;
    r.target = path;
    r.request_id = "req-7";
    r.principal.user_id = "u-1";
    r.principal.username = "ada";
    r.principal.display_name = "Ada Admin";
    r.via_session = true;
    r.session_csrf = std::move(csrf);
    return r;
}

// The value of the flash cookie a response sets, or "" when it sets none.
std::string flash_cookie_of(const Response& res) {
    for (const auto& h : res.headers) {
        if (h.name != "set-cookie" || !h.value.starts_with(std::string(k_flash_cookie) + "="))
            continue;
        const auto start = k_flash_cookie.size() + 1;
        return h.value.substr(start, h.value.find(';') - start);
    }
    return {};
}

bool clears_flash_cookie(const Response& res) {
    for (const auto& h : res.headers)
        if (h.name == "set-cookie" && h.value.starts_with(std::string(k_flash_cookie) + "=;") &&
            h.value.find("Max-Age=0") != std::string::npos)
            return true;
    return false;
}

constexpr std::string_view k_banner = "govuk-notification-banner__heading\">Unit added</p>";

// Regression: a form shown again after a refusal echoed the bytes it was sent (%ff%fe), so the
// page was not UTF-8 and the browser showed it garbled.
TEST(PageRenderer, shows_text_that_is_not_utf8_or_holds_control_characters_as_u_fffd) {
    const PageRenderer pages{SiteInfo{}};
    const Request r = signed_in_request("/units", "csrf-token-of-the-session-0123456789");
    boost::json::object view;
    view["name"] = "Caf\xe9\xff\xfe";
    view["description"] = "One\x01two\nthree";
    view["heading"] = "Add a unit";
    const Response res = pages.page(r, "org/unit_form", "Error: Add a unit", view, 422);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(is_valid_utf8(res.body));
    EXPECT_NE(res.body.find("value=\"Caf\uFFFD\uFFFD\uFFFD\""), std::string::npos);
    EXPECT_NE(res.body.find(">One\uFFFDtwo\nthree</textarea>"), std::string::npos)
        << "line breaks stay, the control character goes";
}

TEST(PageRenderer, shows_a_flash_message_once_to_the_session_that_left_it) {
    const PageRenderer pages{SiteInfo{}};
    const std::string csrf = "csrf-token-of-the-session-0123456789";
    Response redirect = Response::redirect("/units/1");
    set_flash(redirect, signed_in_request("/units", csrf), "Unit added");
    const std::string value = flash_cookie_of(redirect);
    ASSERT_FALSE(value.empty());

    Request next = signed_in_request("/units/1", csrf);
    next.headers.push_back({"cookie", std::string(k_flash_cookie) + "=" + value});
    const Response page = pages.page(next, "org/person", "Person", {});
    EXPECT_NE(page.body.find(k_banner), std::string::npos);
    EXPECT_NE(page.body.find("role=\"alert\""), std::string::npos);
    EXPECT_TRUE(clears_flash_cookie(page)) << "a reload does not show it again";

    const Response without = pages.page(signed_in_request("/units/1", csrf), "org/person", "P", {});
    EXPECT_EQ(without.body.find("govuk-notification-banner"), std::string::npos);
}

TEST(PageRenderer, ignores_a_flash_cookie_it_did_not_set_for_this_session) {
    const PageRenderer pages{SiteInfo{}};
    const std::string csrf = "csrf-token-of-the-session-0123456789";
    Response redirect = Response::redirect("/units/1");
    set_flash(redirect, signed_in_request("/units", csrf), "Unit added");
    const std::string value = flash_cookie_of(redirect);
    const std::string tag = value.substr(value.rfind('.'));

    const auto shown = [&](const std::string& cookie, const std::string& session) {
        Request r = signed_in_request("/units/1", session);
        r.headers.push_back({"cookie", std::string(k_flash_cookie) + "=" + cookie});
        const Response res = pages.page(r, "org/person", "Person", {});
        EXPECT_TRUE(clears_flash_cookie(res));
        return res.body.find("govuk-notification-banner") != std::string::npos;
    };
    EXPECT_TRUE(shown(value, csrf));
    EXPECT_FALSE(shown("Call%20us%20on%200800" + tag, csrf)) << "another message with the tag";
    EXPECT_FALSE(shown(value, "csrf-token-of-another-session-98765")) << "another session";
    EXPECT_FALSE(shown("Unit%20added", csrf)) << "no tag";

    // Without a session there is nothing to bind a message to, so none is left.
    Request anonymous;
    anonymous.path = "/units";
    Response res = Response::redirect("/units/1");
    set_flash(res, anonymous, "Unit added");
    EXPECT_EQ(flash_cookie_of(res), "");
}

}  // namespace
}  // namespace civic::http

// SPDX-License-Identifier: AGPL-3.0-or-later
// Page rendering: text that is not UTF-8 never reaches a page as raw bytes.

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

}  // namespace
}  // namespace civic::http

// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Sign-in and sign-out pages, and the authenticator that turns a session cookie or a bearer
// token into the request's principal.

#include "civic/core/clock.hpp"
#include "civic/http/app.hpp"
#include "civic/http/render.hpp"
#include "civic/modules/accounts/service.hpp"

namespace civic::accounts {

http::Authenticator make_authenticator(AccountsService& service, const Clock& clock);

void register_pages(http::Router& router, AccountsService& service, const http::PageRenderer& pages,
                    const Clock& clock);

}  // namespace civic::accounts

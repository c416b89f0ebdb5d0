// SPDX-License-Identifier: AGPL-3.0-or-later
// The files sent with responses: stored with the response, in the same transaction; downloaded
// only by those handling the case, each download audited as a read of the case's personal data
// (naming the file by its id, never by its name).
#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/cases/repo.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/store/audit.hpp"

namespace civic::cases {
using namespace civic::cases::detail;
using store::Connection;
namespace json = boost::json;

namespace detail {

std::vector<CaseAttachment> store_attachments(Connection& c, const Context& ctx,
                                              const CaseResponse& r,
                                              std::vector<CaseAttachment> files) {
    for (auto& a : files) {
        a.id = new_id();
        a.case_id = r.case_id;
        a.response_id = r.id;
        a.recorded_by = ctx.principal.actor();
        a.created_at = kit::now_text(ctx);
        repo::case_attachments().insert(c, a);
        // What was stored is not kept twice in memory: the response shows the details only.
        a.content.clear();
        a.content.shrink_to_fit();
    }
    return files;
}

json::object attachments_audit(const std::vector<CaseAttachment>& files) {
    json::array sizes;
    for (const auto& a : files) sizes.push_back(a.size_bytes);
    return {{"count", static_cast<std::int64_t>(files.size())}, {"size_bytes", std::move(sizes)}};
}

}  // namespace detail

Result<CaseAttachment> CasesService::attachment(const Context& ctx, const std::string& case_id,
                                                const std::string& attachment_id) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<CaseAttachment> {
        const auto nothing = [] {
            return std::unexpected(
                Error::not_found("There is no file with this id on a case whose responses you "
                                 "may see."));
        };
        auto k = is_id(case_id) ? repo::find_case(c, case_id) : std::nullopt;
        if (!k || k->archived_at || !may_handle(ctx.principal, *k)) return nothing();
        auto a =
            is_id(attachment_id) ? repo::find_attachment(c, k->id, attachment_id) : std::nullopt;
        if (!a) return nothing();
        if (a->removed_on)
            return std::unexpected(Error::not_found(fmt::format(
                "This file was removed on {} under the retention rule.", *a->removed_on)));
        store::record_audit(
            c, ctx, "case", k->id, "read", std::nullopt,
            civic::to_json(json::value(json::object{
                {"reference", k->reference}, {"read", "attachment"}, {"attachment_id", a->id}})));
        return std::move(*a);
    });
}

}  // namespace civic::cases

// SPDX-License-Identifier: AGPL-3.0-or-later
// The SQL of the files sent with responses (case_attachments).
#include "civic/modules/cases/repo.hpp"

namespace civic::cases::repo {
using store::Connection;

const kit::Table<CaseAttachment>& case_attachments() {
    static const kit::Table<CaseAttachment> t{"case_attachments",
                                              "a",
                                              "",
                                              nullptr,
                                              {{"id", &CaseAttachment::id},
                                               {"case_id", &CaseAttachment::case_id},
                                               {"response_id", &CaseAttachment::response_id},
                                               {"position", &CaseAttachment::position},
                                               {"file_name", &CaseAttachment::file_name},
                                               {"media_type", &CaseAttachment::media_type},
                                               {"size_bytes", &CaseAttachment::size_bytes},
                                               {"content", &CaseAttachment::content},
                                               {"removed_on", &CaseAttachment::removed_on},
                                               {"recorded_by", &CaseAttachment::recorded_by},
                                               {"created_at", &CaseAttachment::created_at}}};
    return t;
}

std::vector<CaseAttachment> attachments_of(Connection& c, const std::string& case_id) {
    // Every column but the bytes, which a list never needs (a file may be 5 MB).
    return c.query_all(
        "SELECT id, case_id, response_id, position, file_name, media_type, size_bytes, "
        "removed_on, recorded_by, created_at FROM case_attachments WHERE case_id = ? "
        "ORDER BY response_id, position",
        {std::string_view(case_id)}, [](const store::Row& r) {
            CaseAttachment a;
            a.id = r.str(0);
            a.case_id = r.str(1);
            a.response_id = r.str(2);
            a.position = r.integer(3);
            a.file_name = r.str(4);
            a.media_type = r.str(5);
            a.size_bytes = r.integer(6);
            a.removed_on = r.optional_text(7);
            a.recorded_by = r.str(8);
            a.created_at = r.str(9);
            return a;
        });
}

std::vector<CaseAttachment> attachments_with_content(Connection& c, const std::string& case_id) {
    return case_attachments().where(c, "a.case_id = ? ORDER BY a.response_id, a.position",
                                    {std::string_view(case_id)});
}

std::optional<CaseAttachment> find_attachment(Connection& c, const std::string& case_id,
                                              const std::string& id) {
    auto found = case_attachments().where(c, "a.case_id = ? AND a.id = ?",
                                          {std::string_view(case_id), std::string_view(id)});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

void attach(std::vector<CaseResponse>& responses, std::vector<CaseAttachment> files) {
    for (auto& a : files)
        for (auto& r : responses)
            if (r.id == a.response_id) {
                r.attachments.push_back(std::move(a));
                break;
            }
}

std::int64_t remove_attachments(Connection& c, const std::string& case_id,
                                const std::string& removed_on) {
    return c.execute(
        "UPDATE case_attachments SET file_name = '', content = '', removed_on = ? "
        "WHERE case_id = ? AND removed_on IS NULL",
        {std::string_view(removed_on), std::string_view(case_id)});
}

}  // namespace civic::cases::repo

// SPDX-License-Identifier: AGPL-3.0-or-later
// Councillors from Modern.gov: a GetCouncillorsByWard response (mgWebService.asmx) read into
// the organisation register, in the shape the register already gives councillors.
//
// - Each councillor is a person of kind "councillor" in the council's top unit, published, with
//   the name as Modern.gov gives it ("James Cleverly MP"); a leading "Councillor" or "Cllr"
//   moves to the title (honorific_prefix "Councillor", as the register writes it).
// - Each ward is a post on the council's top unit, "Councillor for Bexley and Bromley", role
//   "Councillor".
// - Each councillor's seat is a membership of the council through their ward's post, with the
//   dates of their current term of office (the term that starts last; an end date of
//   "unspecified" leaves it open). The register has no kind of unit for a political party, so
//   the party is said on the membership's role: "Councillor (Labour)", or "Councillor" when
//   Modern.gov gives none. A change of party changes that role, and the audit trail keeps the
//   old one.
// - Councillors are matched by name among the register's live councillors (capital letters
//   and surrounding spaces do not matter), as the register has no place for Modern.gov's
//   councillor id; two councillors of one name are refused rather than guessed at. Wards are
//   matched by their post's title.
// - A seat the file no longer lists (a councillor gone, or moved to another ward) is ended, its
//   membership given an end date: the day before the councillor's next term starts, or the
//   day of the import. Nothing is archived or deleted.
// - Contact details, photographs, key posts and surgery details are not imported; a home
//   address never is.
//
// All or nothing, and idempotent: run again on the same file it finds every record as it would
// write it, and writes nothing (no new version, no audit row).

#include <expat.h>
#include <fmt/format.h>

#include <algorithm>
#include <boost/json/value.hpp>
#include <map>
#include <set>
#include <unordered_map>

#include "civic/core/csv.hpp"
#include "civic/core/date.hpp"
#include "civic/core/json.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::governance {
using store::Connection;

namespace {

constexpr std::string_view k_root = "councillorsbyward";
constexpr std::string_view k_post_title = "Councillor for ";
constexpr std::string_view k_role = "Councillor";
constexpr std::string_view k_title = "Councillor";  // the honorific_prefix given
constexpr std::size_t k_name_max = 200;
constexpr std::size_t k_party_max = 150;
constexpr std::size_t k_ward_max = 200 - k_post_title.size();

// ---- the file

struct Term {
    std::optional<std::string> start, end;  // YYYY-MM-DD; nullopt: not given, or unspecified
};

struct Councillor {
    std::size_t line = 0;  // of <councillor>
    std::size_t ward = 0;  // index into the wards
    std::string moderngov_id;
    std::string name;
    std::string title;  // honorific_prefix
    std::string party;
    Term term;
};

struct Ward {
    std::size_t line = 0;
    std::string title;
};

struct Response {
    std::vector<Ward> wards;
    std::vector<Councillor> councillors;
};

// A dd/mm/yyyy date as Modern.gov writes it, as YYYY-MM-DD; nullopt when it is not a real date.
std::optional<std::string> uk_date(std::string_view text) {
    const auto first = text.find('/');
    const auto second = first == std::string_view::npos ? first : text.find('/', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const auto day = text.substr(0, first), month = text.substr(first + 1, second - first - 1),
               year = text.substr(second + 1);
    const auto digits = [](std::string_view s, std::size_t lo, std::size_t hi) {
        return s.size() >= lo && s.size() <= hi &&
               std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(day, 1, 2) || !digits(month, 1, 2) || !digits(year, 4, 4)) return std::nullopt;
    const std::string iso = fmt::format("{}-{:0>2}-{:0>2}", year, month, day);
    if (!parse_iso_date(iso)) return std::nullopt;
    return iso;
}

// Reads the response with expat, collecting every problem of its content by line; a fault in
// the XML itself ends the reading where the parser stopped.
class ResponseReader {
public:
    explicit ResponseReader(ImportProblems& problems) : m_problems(problems) {}
    ResponseReader(const ResponseReader&) = delete;
    ResponseReader& operator=(const ResponseReader&) = delete;

    Response read(std::string_view xml) {
        XML_Parser parser = XML_ParserCreate(nullptr);
        if (!parser) throw std::bad_alloc();
        m_parser = parser;
        XML_SetUserData(parser, this);
        XML_SetElementHandler(parser, on_start, on_end);
        XML_SetCharacterDataHandler(parser, on_text);
        XML_SetStartDoctypeDeclHandler(parser, on_doctype);
        // Fed in pieces: XML_Parse takes an int length.
        constexpr std::size_t k_piece = 1 << 20;
        std::size_t at = 0;
        XML_Status status = XML_STATUS_OK;
        do {
            const std::size_t n = std::min(k_piece, xml.size() - at);
            const bool last = at + n == xml.size();
            status = XML_Parse(parser, xml.data() + at, static_cast<int>(n), last ? 1 : 0);
            at += n;
            if (last) break;
        } while (status == XML_STATUS_OK);
        if (status != XML_STATUS_OK && XML_GetErrorCode(parser) != XML_ERROR_ABORTED) {
            // Expat's columns count from 0; a reader counts from 1.
            m_problems.add(
                XML_GetCurrentLineNumber(parser),
                fmt::format("{}", XML_GetCurrentColumnNumber(parser) + 1),
                fmt::format("The file is not well-formed XML: the reading stopped here ({})",
                            XML_ErrorString(XML_GetErrorCode(parser))));
        } else if (status == XML_STATUS_OK && m_response.councillors.empty() && !m_problems.any()) {
            // An empty answer would end every councillor's seat: refuse it instead.
            m_problems.add(1, "",
                           "The file lists no councillors, so nothing was imported: a "
                           "GetCouncillorsByWard response lists each ward's councillors in "
                           "<councillor> elements");
        }
        XML_ParserFree(parser);
        return std::move(m_response);
    }

private:
    static ResponseReader& self(void* data) { return *static_cast<ResponseReader*>(data); }
    std::size_t line() const { return XML_GetCurrentLineNumber(m_parser); }

    // Where the element being read sits: its parent's and its own names.
    bool at(std::string_view parent, std::string_view name) const {
        return m_path.size() >= 2 && m_path[m_path.size() - 2] == parent && m_path.back() == name;
    }

    static void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*,
                                   int) {
        auto& r = self(data);
        r.m_problems.add(r.line(), "",
                         "The file has a document type declaration (<!DOCTYPE …>), which a "
                         "Modern.gov response never has, so it was not read");
        XML_StopParser(r.m_parser, XML_FALSE);
    }

    static void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char**) {
        auto& r = self(data);
        r.m_path.emplace_back(name);
        r.m_lines.push_back(r.line());
        r.m_text.clear();
        if (r.m_path.size() == 1 && r.m_path.front() != k_root) {
            r.m_problems.add(r.line(), "",
                             fmt::format("This is not a Modern.gov GetCouncillorsByWard "
                                         "response: it begins with <{}> where <{}> was expected",
                                         shown_safely(r.m_path.front()), k_root));
            XML_StopParser(r.m_parser, XML_FALSE);
            return;
        }
        if (r.at("wards", "ward")) {
            r.m_ward = Ward{r.line(), {}};
        } else if (r.at("councillors", "councillor") && r.m_ward) {
            r.m_councillor = Councillor{};
            r.m_councillor->line = r.line();
            r.m_councillor->ward = r.m_response.wards.size();
            r.m_terms.clear();
            r.m_has_id = r.m_has_name = false;
        } else if (r.at("termsofoffice", "termofoffice") && r.m_councillor) {
            r.m_terms.emplace_back();
        }
    }

    static void XMLCALL on_text(void* data, const XML_Char* s, int len) {
        self(data).m_text.append(s, static_cast<std::size_t>(len));
    }

    static void XMLCALL on_end(void* data, const XML_Char*) {
        auto& r = self(data);
        r.element_ended();
        r.m_path.pop_back();
        r.m_lines.pop_back();
        r.m_text.clear();
    }

    // A one-line text value of at most max bytes, or a problem on the element's line.
    std::optional<std::string> value(std::string_view label, std::size_t max,
                                     kit::Required required) {
        kit::Checks checks;
        const std::string text(trim(m_text));
        checks.text("value", label, text, required, max);
        if (checks.any()) {
            for (const auto& e : checks.errors()) m_problems.add(m_lines.back(), "", e.message);
            return std::nullopt;
        }
        return text;
    }

    void element_ended() {
        const std::size_t here = m_lines.back();
        if (m_ward && at("ward", "wardtitle")) {
            if (auto v = value("the ward's name (wardtitle)", k_ward_max, kit::Required::Yes))
                m_ward->title = *v;
        } else if (m_councillor && at("councillor", "councillorid")) {
            m_has_id = true;
            if (auto v = value("the councillor's id (councillorid)", 50, kit::Required::Yes))
                m_councillor->moderngov_id = *v;
        } else if (m_councillor && at("councillor", "fullusername")) {
            m_has_name = true;
            if (auto v =
                    value("the councillor's name (fullusername)", k_name_max, kit::Required::Yes))
                set_name(*v);
        } else if (m_councillor && at("councillor", "politicalpartytitle")) {
            if (auto v = value("the party (politicalpartytitle)", k_party_max, kit::Required::No))
                m_councillor->party = *v;
        } else if (m_councillor && !m_terms.empty() && at("termofoffice", "startdate")) {
            const std::string text(trim(m_text));
            m_terms.back().start = uk_date(text);
            if (!m_terms.back().start)
                m_problems.add(here, "",
                               fmt::format("The start of a term of office (startdate) must be a "
                                           "real date written dd/mm/yyyy, like 27/05/2014, not "
                                           "\"{}\"",
                                           shown_safely(shortened(text, 40))));
        } else if (m_councillor && !m_terms.empty() && at("termofoffice", "enddate")) {
            const std::string text(trim(m_text));
            if (text.empty() || equal_ignoring_case(text, "unspecified")) return;
            m_terms.back().end = uk_date(text);
            if (!m_terms.back().end)
                m_problems.add(here, "",
                               fmt::format("The end of a term of office (enddate) must be a real "
                                           "date written dd/mm/yyyy, like 05/05/2026, or "
                                           "\"unspecified\", not \"{}\"",
                                           shown_safely(shortened(text, 40))));
        } else if (m_councillor && at("councillors", "councillor")) {
            councillor_ended(here);
        } else if (m_ward && at("wards", "ward")) {
            if (m_ward->title.empty() && !m_problems.on_line(m_ward->line))
                m_problems.add(m_ward->line, "", "This ward has no name (wardtitle)");
            m_response.wards.push_back(std::move(*m_ward));
            m_ward.reset();
        }
    }

    void set_name(const std::string& name) {
        for (const std::string_view prefix : {"Councillor ", "Cllr. ", "Cllr "}) {
            if (name.size() > prefix.size() &&
                equal_ignoring_case(std::string_view(name).substr(0, prefix.size()), prefix)) {
                m_councillor->title = k_title;
                m_councillor->name =
                    std::string(trim(std::string_view(name).substr(prefix.size())));
                return;
            }
        }
        m_councillor->name = name;
    }

    void councillor_ended(std::size_t line) {
        if (!m_has_id) m_problems.add(line, "", "This councillor has no id (councillorid)");
        if (!m_has_name) m_problems.add(line, "", "This councillor has no name (fullusername)");
        // The current term: the one that starts last (a term with no start counts as oldest).
        const Term* current = nullptr;
        for (const auto& t : m_terms)
            if (!current || t.start.value_or("") >= current->start.value_or("")) current = &t;
        if (current) {
            m_councillor->term = *current;
            if (current->start && current->end && *current->end < *current->start)
                m_problems.add(line, "",
                               "The councillor's term of office ends before it starts (enddate "
                               "before startdate)");
        }
        m_response.councillors.push_back(std::move(*m_councillor));
        m_councillor.reset();
    }

    ImportProblems& m_problems;
    XML_Parser m_parser = nullptr;
    std::vector<std::string> m_path;   // the open elements' names, from the root
    std::vector<std::size_t> m_lines;  // the lines they start on
    std::string m_text;                // the text of the element being read
    Response m_response;
    std::optional<Ward> m_ward;
    std::optional<Councillor> m_councillor;
    std::vector<Term> m_terms;
    bool m_has_id = false, m_has_name = false;
};

// ---- the register

std::string audit_of_person(const org::Person& p) {
    return civic::to_json(boost::json::value(org::to_json(p, org::ContactDetails::Shown)));
}
std::string audit_of_membership(const org::Membership& m) {
    return civic::to_json(boost::json::value(org::to_json(m)));
}
template <typename Record>
bool may_write(const Principal& who, const Record& r) {
    return kit::covers(who, r.unit_path, kit::Access::Write);
}

// How the kit's change steps reach the register's people and memberships, as org's own do.
constexpr kit::Entity<org::Person> k_person{"person", org::repo::find_person,
                                            org::repo::update_person, audit_of_person,
                                            may_write<org::Person>};
constexpr kit::Entity<org::Membership> k_membership{
    "membership", org::repo::find_membership, org::repo::update_membership, audit_of_membership,
    may_write<org::Membership>};

// Every record a list gives, page by page.
template <typename Record, typename List>
std::vector<Record> every(org::repo::ListFilter f, List&& list) {
    constexpr int k_page = 500;
    std::vector<Record> out;
    f.limit = k_page;
    for (;;) {
        auto page = list(f);
        const bool more = page.size() == static_cast<std::size_t>(k_page);
        if (!page.empty()) f.after = page.back().id;
        std::move(page.begin(), page.end(), std::back_inserter(out));
        if (!more) return out;
    }
}

std::string role_for(std::string_view party) {
    return party.empty() ? std::string(k_role) : fmt::format("{} ({})", k_role, party);
}
// The party a seat's role names: "Councillor (Labour)" → "Labour".
std::string party_of(std::string_view role) {
    const std::string prefix = fmt::format("{} (", k_role);
    if (role.size() > prefix.size() + 1 && role.starts_with(prefix) && role.ends_with(')'))
        return std::string(role.substr(prefix.size(), role.size() - prefix.size() - 1));
    return {};
}

// The register as the import finds it, read once.
struct Register {
    org::Unit council;
    std::map<std::string, org::Post> ward_posts;  // by import_key of the ward's name
    std::map<std::string, std::vector<org::Person>> councillors;  // by import_key of the name
    std::vector<org::Membership> seats;  // live memberships of the council through ward posts
    std::set<std::string> parties;       // import_key of each party a seat names
};

Result<org::Unit> top_council(Connection& c) {
    org::repo::ListFilter f;
    f.kind = "council";
    for (auto& u : every<org::Unit>(f, [&](const auto& q) { return org::repo::list_units(c, q); }))
        if (!u.parent_id) return std::move(u);
    return std::unexpected(
        Error::validation("council",
                          "There is no council at the top of the organisation register to import "
                          "councillors into: add the council first (a unit of kind council)"));
}

Result<Register> read_register(Connection& c) {
    Register reg;
    CIVIC_TRY(reg.council, top_council(c));
    const std::string title_key = import_key(k_post_title);
    org::repo::ListFilter posts;
    posts.unit_id = reg.council.id;
    for (auto& p :
         every<org::Post>(posts, [&](const auto& q) { return org::repo::list_posts(c, q); })) {
        const std::string key = import_key(p.label);
        if (p.unit_id == reg.council.id && key.starts_with(title_key) &&
            key.size() > title_key.size())
            reg.ward_posts.emplace(import_key(key.substr(title_key.size())), std::move(p));
    }
    org::repo::ListFilter people;
    people.kind = "councillor";
    for (auto& p :
         every<org::Person>(people, [&](const auto& q) { return org::repo::list_people(c, q); }))
        reg.councillors[import_key(p.name)].push_back(std::move(p));
    std::set<std::string> post_ids;
    for (const auto& [key, post] : reg.ward_posts) post_ids.insert(post.id);
    org::repo::ListFilter seats;
    seats.unit_id = reg.council.id;
    for (auto& m : every<org::Membership>(
             seats, [&](const auto& q) { return org::repo::list_memberships(c, q); })) {
        if (!m.post_id || !post_ids.contains(*m.post_id)) continue;
        if (const auto party = party_of(m.role); !party.empty())
            reg.parties.insert(import_key(party));
        reg.seats.push_back(std::move(m));
    }
    return reg;
}

// Finds each councillor of the file in the register, or says why it cannot: several
// councillors of one name in the register, or in the file under different ids.
void match_people(const Response& file, const Register& reg, ImportProblems& problems) {
    std::map<std::string, const Councillor*> first_of;  // by import_key of the name
    for (const auto& c : file.councillors) {
        const std::string key = import_key(c.name);
        if (auto [it, added] = first_of.emplace(key, &c);
            !added && it->second->moderngov_id != c.moderngov_id)
            problems.add(c.line, "",
                         fmt::format("Two councillors in the file are called \"{}\" (councillor "
                                     "ids {} and {}, lines {} and {}), and Civic matches "
                                     "councillors by name: tell them apart in Modern.gov first",
                                     c.name, it->second->moderngov_id, c.moderngov_id,
                                     it->second->line, c.line));
        if (const auto found = reg.councillors.find(key);
            found != reg.councillors.end() && found->second.size() > 1)
            problems.add(c.line, "",
                         fmt::format("{} councillors in the register are called \"{}\", so the "
                                     "import cannot tell which one this is: give them distinct "
                                     "names, or archive the one that is a duplicate",
                                     found->second.size(), c.name));
    }
}

// The seat a councillor of the file holds already, through the ward's post: the one of the same
// term (the same start date); else, when the file gives no start, their seat that is still
// open; else, when it gives one, their open seat whose start was not known. Each seat is
// matched once.
std::vector<org::Membership>::iterator find_seat(std::vector<org::Membership>& seats,
                                                 const std::set<std::string>& matched,
                                                 const std::string& person_id,
                                                 const std::string& post_id,
                                                 const std::optional<std::string>& start,
                                                 const std::string& today) {
    const auto holds = [&](const org::Membership& m) {
        return m.person_id == person_id && m.post_id == post_id && !matched.contains(m.id);
    };
    const auto open = [&](const org::Membership& m) { return !m.end_date || *m.end_date > today; };
    auto it = std::find_if(seats.begin(), seats.end(),
                           [&](const auto& m) { return holds(m) && m.start_date == start; });
    if (it != seats.end()) return it;
    return std::find_if(seats.begin(), seats.end(), [&](const auto& m) {
        return holds(m) && open(m) && (!start || !m.start_date);
    });
}

// A record the import makes with org's own rules: a refusal is named by the file's line.
template <typename T>
Result<T> on_line(std::size_t line, Result<T> made) {
    if (made) return made;
    ImportProblems problems;
    if (made.error().errors.empty()) problems.add(line, "", made.error().detail);
    for (const auto& e : made.error().errors) problems.add(line, "", e.message);
    return std::unexpected(problems.error());
}

std::string today_text(const Context& ctx) { return format_iso_date(kit::today(ctx)); }

}  // namespace

Result<ModernGovSummary> GovernanceService::import_moderngov(const Context& ctx,
                                                             std::string_view xml) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    if (!ctx.principal.is_administrator())
        return std::unexpected(
            Error::forbidden("Only an administrator may import councillors from Modern.gov."));
    ImportProblems problems;
    const Response file = ResponseReader(problems).read(xml);
    if (problems.any()) return std::unexpected(problems.error());

    return m_db.write([&](Connection& c) -> Result<ModernGovSummary> {
        CIVIC_TRY(Register reg, read_register(c));
        match_people(file, reg, problems);
        if (problems.any()) return std::unexpected(problems.error());

        ModernGovSummary summary;
        const std::string today = today_text(ctx);

        // Wards: a post on the council for each one not there yet.
        std::vector<const org::Post*> post_of(file.wards.size());
        for (std::size_t i = 0; i < file.wards.size(); ++i) {
            const std::string key = import_key(file.wards[i].title);
            auto it = reg.ward_posts.find(key);
            if (it == reg.ward_posts.end()) {
                org::PostInput in;
                in.unit_id = reg.council.id;
                in.label = fmt::format("{}{}", k_post_title, file.wards[i].title);
                in.role = std::string(k_role);
                CIVIC_TRY(org::Post p,
                          on_line(file.wards[i].line, m_org.create_post_on(c, ctx, in)));
                it = reg.ward_posts.emplace(key, std::move(p)).first;
                ++summary.wards_added;
            }
            post_of[i] = &it->second;
        }

        // Councillors and their seats.
        std::set<std::string> matched_seats, added_people, updated_people, new_parties;
        // The start of each person's term in the file, to end an earlier seat the day before.
        std::map<std::string, std::string> term_start_of;
        for (const auto& councillor : file.councillors) {
            const std::string key = import_key(councillor.name);
            auto& candidates = reg.councillors[key];
            if (candidates.empty()) {
                org::PersonInput in;
                in.name = councillor.name;
                in.honorific_prefix = councillor.title;
                in.kind = "councillor";
                in.unit_id = reg.council.id;
                in.published = true;  // councillors hold public office
                CIVIC_TRY(auto made, on_line(councillor.line, m_org.create_person_on(c, ctx, in)));
                org::Person p = std::move(made.person);
                added_people.insert(p.id);
                candidates.push_back(std::move(p));
                ++summary.councillors_added;
            } else if (!councillor.title.empty() &&
                       candidates.front().honorific_prefix != councillor.title) {
                CIVIC_TRY(candidates.front(),
                          kit::change_record(c, ctx, k_person, candidates.front().id,
                                             candidates.front().version, "update",
                                             [&](org::Person& p) -> Result<void> {
                                                 p.honorific_prefix = councillor.title;
                                                 return ok();
                                             }));
                updated_people.insert(candidates.front().id);
            }
            const org::Person& person = candidates.front();
            const org::Post& post = *post_of[councillor.ward];
            if (!councillor.party.empty() && !reg.parties.contains(import_key(councillor.party)))
                new_parties.insert(import_key(councillor.party));
            if (councillor.term.start) {
                auto& start = term_start_of[person.id];
                start = std::max(start, *councillor.term.start);
            }

            const std::string role = role_for(councillor.party);
            auto seat = find_seat(reg.seats, matched_seats, person.id, post.id,
                                  councillor.term.start, today);
            if (seat == reg.seats.end()) {
                org::MembershipInput in;
                in.person_id = person.id;
                in.unit_id = reg.council.id;
                in.post_id = post.id;
                in.role = role;
                in.start_date = councillor.term.start.value_or("");
                in.end_date = councillor.term.end.value_or("");
                CIVIC_TRY(org::Membership m,
                          on_line(councillor.line, m_org.create_membership_on(c, ctx, in)));
                matched_seats.insert(m.id);
                ++summary.memberships_added;
                if (!added_people.contains(person.id)) updated_people.insert(person.id);
                continue;
            }
            matched_seats.insert(seat->id);
            const auto start = councillor.term.start ? councillor.term.start : seat->start_date;
            if (seat->role != role || seat->start_date != start ||
                seat->end_date != councillor.term.end) {
                CIVIC_TRY(*seat,
                          kit::change_record(c, ctx, k_membership, seat->id, seat->version,
                                             "update", [&](org::Membership& m) -> Result<void> {
                                                 m.role = role;
                                                 m.start_date = start;
                                                 m.end_date = councillor.term.end;
                                                 return ok();
                                             }));
                updated_people.insert(person.id);
            }
        }

        // Seats the file no longer lists end: the day before the councillor's next term, or
        // today; never before they began.
        for (auto& seat : reg.seats) {
            if (matched_seats.contains(seat.id) || (seat.end_date && *seat.end_date <= today))
                continue;
            std::string end = today;
            if (const auto next = term_start_of.find(seat.person_id);
                next != term_start_of.end() && seat.start_date && next->second > *seat.start_date)
                end = format_iso_date(add_days(*parse_iso_date(next->second), -1));
            if (seat.start_date && end < *seat.start_date) end = *seat.start_date;
            CIVIC_TRY(seat, kit::change_record(c, ctx, k_membership, seat.id, seat.version,
                                               "update", [&](org::Membership& m) -> Result<void> {
                                                   m.end_date = end;
                                                   return ok();
                                               }));
            ++summary.memberships_ended;
        }

        summary.parties_added = static_cast<int>(new_parties.size());
        summary.councillors_updated = static_cast<int>(updated_people.size());
        return summary;
    });
}

}  // namespace civic::governance

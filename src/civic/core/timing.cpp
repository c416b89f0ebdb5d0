// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/timing.hpp"

#include <algorithm>
#include <charconv>
#include <initializer_list>

namespace civic {
namespace {

// A timing phrase is a few words; anything much longer is a sentence for a person to read,
// and refusing it early keeps the reader's work small.
constexpr std::size_t k_longest_text = 200;
// Brackets inside brackets, a doubt inside a combination: no council phrase nests deeper.
constexpr int k_deepest = 6;

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

// Word processors and HTML put typographic dashes, quotes, bullets, no-break spaces and
// "&amp;" into cells; read them as the plain characters they stand for.
std::string normalize(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    auto next_is = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
    while (i < text.size()) {
        if (starts_with_ci(text.substr(i), "&amp;")) {
            out += '&';
            i += 5;
        } else if (starts_with_ci(text.substr(i), "&nbsp;")) {
            out += ' ';
            i += 6;
        } else if (next_is("\xC2\xA0")) {
            out += ' ';
            i += 2;
        } else if (next_is("\xE2\x80\x93") || next_is("\xE2\x80\x94") || next_is("\xE2\x88\x92")) {
            out += '-';
            i += 3;
        } else if (next_is("\xE2\x80\x98") || next_is("\xE2\x80\x99")) {
            out += '\'';
            i += 3;
        } else if (next_is("\xE2\x80\xA2")) {
            out += ' ';
            i += 3;
        } else {
            const char c = text[i++];
            out += (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') ? ' ' : c;
        }
    }
    return out;
}

struct Token {
    enum class Type { Word, Number, Symbol };
    Type type;
    std::string_view low;  // lower case
    std::size_t begin;     // into the normalized text
    std::size_t end;
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// How many words a phrase written in token form has ("on - going" for "on-going" has 3).
std::size_t word_count(std::string_view phrase) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < phrase.size(); ++i)
        if (phrase[i] != ' ' && (i == 0 || phrase[i - 1] == ' ')) ++n;
    return n;
}

std::optional<Date> valid_date(int y, unsigned m, unsigned d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    const Date date = make_date(y, m, d);
    if (!date.ok()) return std::nullopt;
    return date;
}

std::optional<Season> season_from_name(std::string_view word) {
    if (word == "spring") return Season::Spring;
    if (word == "summer") return Season::Summer;
    if (word == "autumn") return Season::Autumn;
    if (word == "winter") return Season::Winter;
    return std::nullopt;
}

Date season_start(Season s, int year) {
    switch (s) {
        case Season::Spring:
            return make_date(year, 3, 1);
        case Season::Summer:
            return make_date(year, 6, 1);
        case Season::Autumn:
            return make_date(year, 9, 1);
        case Season::Winter:
            return make_date(year, 12, 1);
    }
    return make_date(year, 1, 1);
}

Date season_end(Season s, int year) {
    switch (s) {
        case Season::Spring:
            return make_date(year, 5, 31);
        case Season::Summer:
            return make_date(year, 8, 31);
        case Season::Autumn:
            return make_date(year, 11, 30);
        case Season::Winter:
            return end_of_month(make_date(year + 1, 2, 1));
    }
    return make_date(year, 12, 31);
}

bool is_dated(TimingKind k) {
    return k == TimingKind::Date || k == TimingKind::Month || k == TimingKind::Season ||
           k == TimingKind::Range;
}

Timing of_kind(TimingKind kind) {
    Timing t;
    t.kind = kind;
    return t;
}

Timing unknown() { return of_kind(TimingKind::Unknown); }

void add_note(Timing& t, std::string_view note) {
    if (note.empty()) return;
    if (!t.note.empty()) t.note += "; ";
    t.note += note;
}

Timing from_date(Date d) {
    Timing t = of_kind(TimingKind::Date);
    t.date = d;
    t.start = d;
    t.end = d;
    return t;
}

Timing from_period(const Period& p) {
    Timing t = of_kind(p.kind() == PeriodKind::Month ? TimingKind::Month : TimingKind::Range);
    t.period = p;
    t.start = p.start();
    t.end = p.end();
    return t;
}

std::optional<Timing> from_season(Season s, int year) {
    if (year < 1 || year > 9998) return std::nullopt;
    Timing t = of_kind(TimingKind::Season);
    t.season = s;
    t.season_year = year;
    t.start = season_start(s, year);
    t.end = season_end(s, year);
    return t;
}

// A day, a month or a season written without its year: the near end of a range whose far
// end gives the year ("July - Sept 1999", "1 - 14 July 1999").
struct YearlessPoint {
    unsigned day = 0;
    unsigned month = 0;
    std::optional<Season> season;
};

// Reads one phrase. Works on tokens so spacing and case never matter; each timing it
// builds takes as its text the words its tokens cover.
class Reader {
public:
    explicit Reader(std::string text) : m_text(std::move(text)), m_low(m_text) {
        for (char& c : m_low)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        tokenize();
    }

    std::size_t size() const { return m_tokens.size(); }

    Timing parse(std::size_t b, std::size_t e, int depth) {
        trim(b, e);
        if (b >= e || depth > k_deepest) return unknown();
        Timing t = parse_trimmed(b, e, depth);
        if (t.kind != TimingKind::Unknown && t.text.empty()) t.text = text_of(b, e);
        return t;
    }

    bool only_dashes() const {
        return std::all_of(m_tokens.begin(), m_tokens.end(),
                           [](const Token& t) { return t.low == "-"; });
    }

private:
    std::string m_text;
    std::string m_low;
    std::vector<Token> m_tokens;

    void tokenize() {
        std::size_t i = 0;
        while (i < m_low.size()) {
            const char c = m_low[i];
            std::size_t j = i + 1;
            Token::Type type = Token::Type::Symbol;
            if (c == ' ') {
                ++i;
                continue;
            }
            if (is_alpha(c)) {
                type = Token::Type::Word;
                while (j < m_low.size() && is_alpha(m_low[j])) ++j;
            } else if (is_digit(c)) {
                type = Token::Type::Number;
                while (j < m_low.size() && is_digit(m_low[j])) ++j;
            } else if (static_cast<unsigned char>(c) >= 0x80) {
                // One symbol per UTF-8 letter, so no token splits one.
                while (j < m_low.size() && (static_cast<unsigned char>(m_low[j]) & 0xC0) == 0x80)
                    ++j;
            }
            m_tokens.push_back({type, std::string_view(m_low).substr(i, j - i), i, j});
            i = j;
        }
    }

    std::string text_of(std::size_t b, std::size_t e) const {
        if (b >= e) return {};
        return m_text.substr(m_tokens[b].begin, m_tokens[e - 1].end - m_tokens[b].begin);
    }

    bool word(std::size_t i, std::string_view w) const {
        return i < m_tokens.size() && m_tokens[i].type == Token::Type::Word && m_tokens[i].low == w;
    }
    bool symbol(std::size_t i, std::string_view s) const {
        return i < m_tokens.size() && m_tokens[i].type == Token::Type::Symbol &&
               m_tokens[i].low == s;
    }
    bool is_number(std::size_t i) const {
        return i < m_tokens.size() && m_tokens[i].type == Token::Type::Number;
    }
    // The value of a number of at most four digits.
    std::optional<int> number(std::size_t i) const {
        if (!is_number(i) || m_tokens[i].low.size() > 4) return std::nullopt;
        int value = 0;
        std::from_chars(m_tokens[i].low.data(), m_tokens[i].low.data() + m_tokens[i].low.size(),
                        value);
        return value;
    }
    std::size_t digits(std::size_t i) const { return m_tokens[i].low.size(); }

    // How many tokens from b the phrase covers, if [b, e) starts with it.
    std::size_t prefix(std::size_t b, std::size_t e, std::string_view phrase) const {
        std::size_t i = b;
        std::size_t at = 0;
        while (at < phrase.size()) {
            const std::size_t space = std::min(phrase.find(' ', at), phrase.size());
            if (space > at) {
                if (i >= e || m_tokens[i].low != phrase.substr(at, space - at)) return 0;
                ++i;
            }
            at = space + 1;
        }
        return i - b;
    }
    bool is(std::size_t b, std::size_t e, std::string_view phrase) const {
        const std::size_t n = prefix(b, e, phrase);
        return n > 0 && n == e - b;
    }
    bool is_any(std::size_t b, std::size_t e,
                std::initializer_list<std::string_view> phrases) const {
        return std::any_of(phrases.begin(), phrases.end(),
                           [&](std::string_view p) { return is(b, e, p); });
    }
    // The longest of the phrases that [b, e) starts with; 0 when none.
    std::size_t longest_prefix(std::size_t b, std::size_t e,
                               std::initializer_list<std::string_view> phrases) const {
        std::size_t best = 0;
        for (const auto p : phrases) best = std::max(best, prefix(b, e, p));
        return best;
    }
    std::size_t suffix(std::size_t b, std::size_t e, std::string_view phrase) const {
        const std::size_t n = word_count(phrase);
        if (e < b || n == 0 || n > e - b) return 0;
        return prefix(e - n, e, phrase) == n ? n : 0;
    }

    // Punctuation at the edges says nothing about the time ("Sept 1999 then , ongoing").
    void trim(std::size_t& b, std::size_t& e) const {
        auto edge = [&](std::size_t i) {
            return symbol(i, ",") || symbol(i, ";") || symbol(i, ":") || symbol(i, ".") ||
                   symbol(i, "-") || symbol(i, "*");
        };
        while (b < e && edge(b)) ++b;
        while (e > b && edge(e - 1)) --e;
    }

    Timing parse_trimmed(std::size_t b, std::size_t e, int depth) {
        if (symbol(b, "(") && closing_bracket(b, e) == e - 1) return parse(b + 1, e - 1, depth + 1);
        if (not_scheduled(b, e)) return of_kind(TimingKind::NotScheduled);
        if (ongoing(b, e)) return of_kind(TimingKind::Ongoing);
        if (auto t = provisional(b, e, depth)) return std::move(*t);
        if (auto t = combination(b, e, depth)) return std::move(*t);
        if (auto t = recurrence(b, e)) return std::move(*t);
        if (auto t = reference(b, e)) return std::move(*t);
        if (auto t = dated(b, e)) return std::move(*t);
        return unknown();
    }

    std::optional<std::size_t> closing_bracket(std::size_t open, std::size_t e) const {
        int level = 0;
        for (std::size_t i = open; i < e; ++i) {
            if (symbol(i, "(")) ++level;
            if (symbol(i, ")") && --level == 0) return i;
        }
        return std::nullopt;
    }

    std::optional<std::size_t> opening_bracket(std::size_t b, std::size_t close) const {
        int level = 0;
        for (std::size_t i = close + 1; i-- > b;) {
            if (symbol(i, ")")) ++level;
            if (symbol(i, "(") && --level == 0) return i;
        }
        return std::nullopt;
    }

    // "Not yet timetabled", "To be arranged", "TBC", "Date to be agreed".
    bool not_scheduled(std::size_t b, std::size_t e) const {
        b += longest_prefix(
            b, e, {"date", "dates", "timing", "timescale", "timescales", "timetable", "deadline"});
        if (b >= e) return false;
        if (is_any(b, e,
                   {"tba", "tbc", "tbd", "tbs", "unscheduled", "untimetabled", "none", "n / a",
                    "not set", "not known", "not yet known", "unknown"}))
            return true;
        std::size_t i = b + longest_prefix(b, e, {"not yet", "not", "yet to be", "to be"});
        if (i == b || i + 1 != e) return false;
        return is_any(
            i, e,
            {"timetabled", "scheduled", "arranged", "agreed", "confirmed", "decided", "determined",
             "set", "fixed", "advised", "established", "announced", "known", "planned"});
    }

    bool ongoing(std::size_t b, std::size_t e) const {
        std::size_t n = longest_prefix(b, e, {"on an", "an", "on a"});
        if (n > 0 && suffix(b, e, "basis") == 0) n = 0;
        const std::size_t last = n > 0 ? e - 1 : e;
        return is_any(b + n, last, {"ongoing",      "on going",       "on - going",
                                    "continuous",   "continuously",   "continuing",
                                    "continual",    "throughout",     "throughout the year",
                                    "all year",     "all year round", "year round",
                                    "as required",  "as and when",    "as and when required",
                                    "as necessary", "as needed",      "when required",
                                    "when needed",  "rolling"});
    }

    // Words that put a timing in doubt, in brackets or beside it.
    bool doubtful(std::size_t b, std::size_t e) const {
        if (b >= e) return false;
        if (not_scheduled(b, e)) return true;
        if (prefix(b, e, "to be") || prefix(b, e, "subject to") || prefix(b, e, "not yet"))
            return true;
        return is_any(b, e,
                      {"?", "provisional", "provisionally", "tentative", "tentatively", "approx",
                       "approx .", "approximately", "estimate", "estimated", "unconfirmed",
                       "not confirmed", "not agreed", "possibly", "probably", "expected", "tbc ?"});
    }

    std::optional<Timing> provisional(std::size_t b, std::size_t e, int depth) {
        std::size_t end = e;
        std::string doubt;
        std::string aside;
        if (symbol(end - 1, ")")) {
            if (const auto open = opening_bracket(b, end - 1); open && *open > b) {
                const std::string words = text_of(*open + 1, end - 1);
                (doubtful(*open + 1, end - 1) ? doubt : aside) = words.empty() ? "()" : words;
                end = *open;
            }
        }
        trim(b, end);
        while (end > b && symbol(end - 1, "?")) {
            if (doubt.empty()) doubt = "?";
            --end;
            trim(b, end);
        }
        for (const auto words : {"tbc", "tba", "provisional", "provisionally", "to be confirmed",
                                 "to be agreed", "approx", "approximately", "estimated"}) {
            if (const std::size_t n = suffix(b, end, words); n > 0 && n < end - b) {
                if (doubt.empty()) doubt = text_of(end - n, end);
                end -= n;
                trim(b, end);
                break;
            }
        }
        std::size_t begin = b;
        if (const std::size_t n = longest_prefix(
                begin, end,
                {"provisionally", "provisional", "approx", "approx .", "approximately", "circa",
                 "c .", "ca .", "possibly", "probably", "tentatively", "expected", "estimated"});
            n > 0 && n < end - begin) {
            if (doubt.empty()) doubt = text_of(begin, begin + n);
            begin += n;
        }
        if (doubt.empty() && aside.empty()) return std::nullopt;
        trim(begin, end);
        if (begin >= end) return unknown();
        Timing inner = parse(begin, end, depth + 1);
        if (inner.kind == TimingKind::Unknown) return unknown();
        add_note(inner, aside);
        if (doubt.empty()) return inner;
        // "Not yet timetabled (tbc)" is no more in doubt than it was.
        if (inner.kind == TimingKind::Provisional || inner.kind == TimingKind::NotScheduled) {
            add_note(inner, doubt);
            return inner;
        }
        Timing t = of_kind(TimingKind::Provisional);
        t.note = doubt;
        t.parts.push_back(std::move(inner));
        return t;
    }

    bool is_connector(std::size_t i) const {
        return word(i, "and") || symbol(i, "&") || symbol(i, ",") || symbol(i, "+") ||
               symbol(i, "-") || symbol(i, ";") || symbol(i, "/");
    }

    // One timing after another: "April 1999 then ongoing", "Sept 1999 then , ongoing",
    // "Sept 1999 onwards", "April 1999 and quarterly thereafter".
    std::optional<Timing> combination(std::size_t b, std::size_t e, int depth) {
        std::vector<std::pair<std::size_t, std::size_t>> pieces;
        std::size_t from = b;
        for (std::size_t i = b; i < e; ++i) {
            std::size_t n = 0;
            if (word(i, "then"))
                n = 1;
            else if (prefix(i, e, "followed by"))
                n = 2;
            if (n == 0) continue;
            pieces.emplace_back(from, i);
            from = i + n;
            i += n - 1;
        }
        if (!pieces.empty()) {
            pieces.emplace_back(from, e);
            return combine(pieces, depth);
        }
        // "Sept 1999 onwards", "from Sept 1999 onwards", "from Sept 1999", "to commence April
        // 2000".
        const bool onwards = word(e - 1, "onwards") || word(e - 1, "onward");
        const std::size_t lead = longest_prefix(b, e,
                                                {"from", "starting", "starting from", "commencing",
                                                 "to commence", "commence", "beginning"});
        if (onwards || lead > 0) {
            const std::size_t end = onwards ? e - 1 : e;
            if (b + lead >= end) return std::nullopt;
            Timing first = parse(b + lead, end, depth + 1);
            // "from Sept 1999 to Feb 2000" is a range, read as one below.
            if (!is_dated(first.kind) || !first.parts.empty()) return std::nullopt;
            Timing then = of_kind(TimingKind::Ongoing);
            then.text = onwards ? text_of(e - 1, e) : text_of(b, b + lead);
            Timing t = of_kind(TimingKind::Combination);
            t.parts.push_back(std::move(first));
            t.parts.push_back(std::move(then));
            return t;
        }
        // "April 1999 and ongoing", "Sept 1999 - ongoing", "April 1999, quarterly thereafter".
        for (std::size_t k = e - 1; k > b; --k) {
            if (!is_connector(k)) continue;
            std::size_t rb = k + 1, re = e;
            if (word(re - 1, "thereafter")) --re;
            if (rb >= re || !(ongoing(rb, re) || recurrence(rb, re))) continue;
            Timing first = parse(b, k, depth + 1);
            if (!is_dated(first.kind) && first.kind != TimingKind::Provisional) return std::nullopt;
            return combine({{b, k}, {k + 1, e}}, depth);
        }
        return std::nullopt;
    }

    Timing combine(const std::vector<std::pair<std::size_t, std::size_t>>& pieces, int depth) {
        Timing t = of_kind(TimingKind::Combination);
        for (auto [pb, pe] : pieces) {
            trim(pb, pe);
            while (pb < pe && (word(pb, "and") || symbol(pb, "&"))) ++pb;
            if (pe > pb && word(pe - 1, "thereafter")) --pe;
            if (pb >= pe) return unknown();
            Timing part = parse(pb, pe, depth + 1);
            if (part.kind == TimingKind::Unknown) return unknown();
            if (part.kind == TimingKind::Combination) {
                for (auto& p : part.parts) t.parts.push_back(std::move(p));
            } else {
                t.parts.push_back(std::move(part));
            }
        }
        return t;
    }

    std::optional<Frequency> frequency(std::size_t b, std::size_t e) const {
        if (is_any(b, e, {"daily", "every day", "each day"})) return Frequency::Daily;
        if (is_any(b, e, {"weekly", "every week", "each week", "once a week"}))
            return Frequency::Weekly;
        if (is_any(b, e, {"fortnightly", "every fortnight", "every two weeks", "every 2 weeks"}))
            return Frequency::Fortnightly;
        if (is_any(b, e, {"monthly", "every month", "each month", "once a month"}))
            return Frequency::Monthly;
        if (is_any(b, e,
                   {"quarterly", "every quarter", "each quarter", "once a quarter",
                    "every three months", "every 3 months"}))
            return Frequency::Quarterly;
        if (is_any(b, e,
                   {"half yearly", "half - yearly", "halfyearly", "six monthly", "six - monthly",
                    "6 monthly", "6 - monthly", "twice yearly", "twice a year", "every six months",
                    "every 6 months"}))
            return Frequency::HalfYearly;
        if (is_any(b, e,
                   {"annually", "annual", "yearly", "every year", "each year", "once a year",
                    "per annum"}))
            return Frequency::Annually;
        return std::nullopt;
    }

    // "Quarterly", "Quarterly & annually", "monthly, quarterly and annually".
    std::optional<Timing> recurrence(std::size_t b, std::size_t e) const {
        if (word(e - 1, "thereafter") && e - 1 > b) --e;
        Timing t = of_kind(TimingKind::Recurrence);
        std::size_t from = b;
        for (std::size_t i = b; i <= e; ++i) {
            if (i < e && !(word(i, "and") || symbol(i, "&") || symbol(i, ",") || symbol(i, "/") ||
                           symbol(i, "+")))
                continue;
            const auto f = frequency(from, i);
            if (!f) return std::nullopt;
            if (std::find(t.frequencies.begin(), t.frequencies.end(), *f) == t.frequencies.end())
                t.frequencies.push_back(*f);
            from = i + 1;
        }
        return t;
    }

    // "As 7.4", "see item 5.1", "as above".
    std::optional<Timing> reference(std::size_t b, std::size_t e) const {
        std::size_t i = b + longest_prefix(b, e,
                                           {"as", "see", "as per", "as for", "same as", "refer to",
                                            "as in", "cf", "cf ."});
        if (i == b) return std::nullopt;
        i += longest_prefix(i, e,
                            {"item", "para", "para .", "paragraph", "section", "ref", "ref .",
                             "reference", "activity", "objective", "point", "no", "no ."});
        Timing t = of_kind(TimingKind::Reference);
        if (i + 1 == e && (word(i, "above") || word(i, "below"))) {
            t.reference = m_tokens[i].low;
            return t;
        }
        // 7, 7.4, 3.10, 3.10a, 3.2.1
        std::size_t j = i;
        if (!is_number(j) || digits(j) > 4) return std::nullopt;
        ++j;
        while (j + 1 < e && symbol(j, ".") && is_number(j + 1) && digits(j + 1) <= 4) j += 2;
        if (j < e && m_tokens[j].type == Token::Type::Word && m_tokens[j].low.size() == 1) ++j;
        if (j != e) return std::nullopt;
        t.reference = text_of(i, e);
        return t;
    }

    // A date, month, season, council period or range, perhaps with a deadline.
    std::optional<Timing> dated(std::size_t b, std::size_t e) {
        const std::size_t n = longest_prefix(
            b, e,
            {"by", "by the end of", "by end of", "by the end", "by end", "no later than",
             "not later than", "at the latest by", "end of", "the end of", "due by", "due",
             "deadline", "deadline :", "complete by", "completed by", "completion by",
             "to be completed by", "before the end of"});
        if (n > 0) {
            std::size_t rb = b + n, re = e;
            trim(rb, re);
            if (rb >= re) return std::nullopt;
            auto t = range_or_point(rb, re);
            if (!t) return std::nullopt;
            t->deadline = true;
            t->text.clear();  // the words of a deadline include the "by"
            return t;
        }
        return range_or_point(b, e);
    }

    std::optional<Timing> range_or_point(std::size_t b, std::size_t e) {
        if (auto t = point(b, e)) return t;
        return range(b, e);
    }

    // "Sept 1999 - Feb 2000", "July to Sept 1999", "between June and August 1999",
    // "from 1 to 14 July 1999".
    std::optional<Timing> range(std::size_t b, std::size_t e) {
        const bool between = word(b, "between");
        if (between || word(b, "from")) ++b;
        for (std::size_t k = b + 1; k + 1 < e; ++k) {
            const bool separator = between
                                       ? (word(k, "and") || symbol(k, "&"))
                                       : (symbol(k, "-") || word(k, "to") || word(k, "until") ||
                                          word(k, "till") || word(k, "through") || word(k, "thru"));
            if (!separator) continue;
            auto to = point(k + 1, e);
            if (!to) continue;
            to->text = text_of(k + 1, e);
            std::optional<Timing> from = point(b, k);
            if (from) {
                from->text = text_of(b, k);
            } else if (const auto yearless = yearless_point(b, k)) {
                from = with_year_of(*yearless, *to);
                if (from) from->text = text_of(b, k);
            }
            if (!from || *from->start > *to->start) continue;
            Timing t = of_kind(TimingKind::Range);
            t.start = from->start;
            t.end = to->end;
            t.parts.push_back(std::move(*from));
            t.parts.push_back(std::move(*to));
            return t;
        }
        return std::nullopt;
    }

    // Tokens worth matching, without the ones that only decorate: commas, "of", "the",
    // ordinal endings ("14th"), the full stop of "Sept.", the apostrophe of "'99".
    std::vector<std::size_t> meaningful(std::size_t b, std::size_t e) const {
        std::vector<std::size_t> out;
        for (std::size_t i = b; i < e; ++i) {
            if (symbol(i, ",") || word(i, "of") || word(i, "the")) continue;
            if (i > b && is_number(i - 1) &&
                (word(i, "st") || word(i, "nd") || word(i, "rd") || word(i, "th")))
                continue;
            if (i > b && m_tokens[i - 1].type == Token::Type::Word && symbol(i, ".")) continue;
            if (symbol(i, "'") && is_number(i + 1)) continue;
            out.push_back(i);
        }
        return out;
    }

    // A year written with two or four digits; two digits 50–99 are 19xx, 00–49 are 20xx.
    std::optional<int> year(std::size_t i) const {
        const auto n = number(i);
        if (!n) return std::nullopt;
        if (digits(i) == 4) return *n >= 1 ? n : std::nullopt;
        if (digits(i) == 2) return *n >= 50 ? 1900 + *n : 2000 + *n;
        return std::nullopt;
    }

    std::optional<unsigned> day(std::size_t i) const {
        const auto n = number(i);
        if (!n || digits(i) > 2 || *n < 1 || *n > 31) return std::nullopt;
        return static_cast<unsigned>(*n);
    }

    std::optional<unsigned> month_word(std::size_t i) const {
        if (i >= m_tokens.size() || m_tokens[i].type != Token::Type::Word) return std::nullopt;
        return month_from_name(m_tokens[i].low);
    }

    bool weekday(std::size_t i) const {
        for (const auto w :
             {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
              "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})
            if (word(i, w)) return true;
        return false;
    }

    // One time: a date, a month, a season or a council period.
    std::optional<Timing> point(std::size_t b, std::size_t e) {
        std::string note;
        if (const std::size_t n =
                longest_prefix(b, e, {"in", "during", "in the", "sometime in", "on", "as at"});
            n > 0 && n < e - b)
            b += n;
        if (const std::size_t n = longest_prefix(
                b, e,
                {"early", "mid", "late", "beginning of", "start of", "middle of", "w / c", "w / b",
                 "wc", "wb", "week commencing", "week beginning", "week of"});
            n > 0 && n < e - b) {
            note = text_of(b, b + n);
            b += n;
            if (symbol(b, "-") && b + 1 < e) ++b;  // "mid-July"
        }
        if (weekday(b) && b + 1 < e) ++b;
        auto t = plain_point(b, e);
        if (t) add_note(*t, note);
        return t;
    }

    std::optional<Timing> plain_point(std::size_t b, std::size_t e) {
        const auto v = meaningful(b, e);
        const std::size_t n = v.size();
        if (n == 0) return std::nullopt;
        // 11.09.99, 11/09/1999, 11-09-99; 1999-09-11.
        if (n == 5 && is_number(v[0]) && is_number(v[2]) && is_number(v[4]) &&
            m_tokens[v[1]].type == Token::Type::Symbol &&
            m_tokens[v[1]].low == m_tokens[v[3]].low &&
            (symbol(v[1], ".") || symbol(v[1], "/") || symbol(v[1], "-"))) {
            if (digits(v[0]) == 4 && symbol(v[1], "-")) {
                if (digits(v[2]) > 2 || digits(v[4]) > 2) return std::nullopt;
                const auto d =
                    valid_date(*number(v[0]), unsigned(*number(v[2])), unsigned(*number(v[4])));
                if (d) return from_date(*d);
                return std::nullopt;
            }
            const auto dd = day(v[0]);
            const auto yy = year(v[4]);
            if (!dd || !yy || digits(v[2]) > 2) return std::nullopt;
            const auto d = valid_date(*yy, unsigned(*number(v[2])), *dd);
            if (d) return from_date(*d);
            return std::nullopt;
        }
        // 14 July 1999
        if (n == 3 && day(v[0]) && month_word(v[1]) && year(v[2])) {
            const auto d = valid_date(*year(v[2]), *month_word(v[1]), *day(v[0]));
            if (d) return from_date(*d);
            return std::nullopt;
        }
        // July 14, 1999
        if (n == 3 && month_word(v[0]) && day(v[1]) && is_number(v[2]) && digits(v[2]) == 4) {
            const auto d = valid_date(*year(v[2]), *month_word(v[0]), *day(v[1]));
            if (d) return from_date(*d);
            return std::nullopt;
        }
        // July 1999, Sept 99, Sep-99
        if ((n == 2 || (n == 3 && symbol(v[1], "-"))) && month_word(v[0]) && year(v[n - 1])) {
            const auto p = Period::month(*year(v[n - 1]), *month_word(v[0]));
            if (p) return from_period(*p);
            return std::nullopt;
        }
        // Autumn 1999, Winter 1999/2000
        if (m_tokens[v[0]].type == Token::Type::Word) {
            if (const auto s = season_from_name(m_tokens[v[0]].low)) {
                if (n == 2 && year(v[1])) return from_season(*s, *year(v[1]));
                if (n == 4 && *s == Season::Winter && year(v[1]) &&
                    (symbol(v[2], "/") || symbol(v[2], "-")) && year(v[3])) {
                    const int first = *year(v[1]);
                    const bool in_a_row = digits(v[3]) == 4 ? *year(v[3]) == first + 1
                                                            : *number(v[3]) == (first + 1) % 100;
                    if (in_a_row) return from_season(*s, first);
                }
                return std::nullopt;
            }
        }
        // 1999/2000, 2025/26 Q3, 2000, 1999-09
        if (const auto p = parse_period(text_of(b, e))) return from_period(*p);
        return std::nullopt;
    }

    std::optional<YearlessPoint> yearless_point(std::size_t b, std::size_t e) const {
        const auto v = meaningful(b, e);
        if (v.size() == 1 && day(v[0])) return YearlessPoint{*day(v[0]), 0, std::nullopt};
        if (v.size() == 1 && month_word(v[0]))
            return YearlessPoint{0, *month_word(v[0]), std::nullopt};
        if (v.size() == 2 && day(v[0]) && month_word(v[1]))
            return YearlessPoint{*day(v[0]), *month_word(v[1]), std::nullopt};
        if (v.size() == 1 && m_tokens[v[0]].type == Token::Type::Word)
            if (const auto s = season_from_name(m_tokens[v[0]].low)) return YearlessPoint{0, 0, s};
        return std::nullopt;
    }

    // The near end of a range takes its year from the far end, a year earlier when it would
    // otherwise come after it ("Nov - Feb 2000" starts in November 1999).
    static std::optional<Timing> with_year_of(const YearlessPoint& p, const Timing& to) {
        const int y = int(to.start->year());
        if (p.season) {
            auto t = from_season(*p.season, y);
            if (t && *t->start > *to.start) t = from_season(*p.season, y - 1);
            return t;
        }
        if (p.month == 0) {
            // "1 - 14 July 1999": a day in the far end's month.
            if (to.kind != TimingKind::Date) return std::nullopt;
            const auto d = valid_date(y, unsigned(to.start->month()), p.day);
            if (!d) return std::nullopt;
            return from_date(*d);
        }
        auto at = [&](int year) -> std::optional<Timing> {
            if (p.day == 0) {
                const auto m = Period::month(year, p.month);
                if (!m) return std::nullopt;
                return from_period(*m);
            }
            const auto d = valid_date(year, p.month, p.day);
            if (!d) return std::nullopt;
            return from_date(*d);
        };
        auto t = at(y);
        if (t && *t->start > *to.start) t = at(y - 1);
        return t;
    }
};

// The first day strictly after `after` that ends a month in `months` (1–12).
Date next_month_end(const Date& after, std::initializer_list<unsigned> months) {
    int y = int(after.year());
    unsigned m = unsigned(after.month());
    for (int i = 0; i < 13; ++i) {
        const Date end = end_of_month(make_date(y, m, 1));
        if (end > after && std::find(months.begin(), months.end(), m) != months.end()) return end;
        if (++m > 12) m = 1, ++y;
    }
    return after;  // unreachable: every list above names a month that comes round within a year
}

Date next_for(Frequency f, const Date& after) {
    switch (f) {
        case Frequency::Daily:
            return add_days(after, 1);
        case Frequency::Weekly:
            return add_days(after, 7);
        case Frequency::Fortnightly:
            return add_days(after, 14);
        case Frequency::Monthly:
            return next_month_end(after, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        case Frequency::Quarterly:
            return next_month_end(after, {3, 6, 9, 12});
        case Frequency::HalfYearly:
            return next_month_end(after, {3, 9});
        case Frequency::Annually:
            return next_month_end(after, {3});
    }
    return after;
}

}  // namespace

std::string_view timing_kind_name(TimingKind kind) {
    switch (kind) {
        case TimingKind::Date:
            return "date";
        case TimingKind::Month:
            return "month";
        case TimingKind::Season:
            return "season";
        case TimingKind::Range:
            return "range";
        case TimingKind::Recurrence:
            return "recurrence";
        case TimingKind::Ongoing:
            return "ongoing";
        case TimingKind::NotScheduled:
            return "not_scheduled";
        case TimingKind::Provisional:
            return "provisional";
        case TimingKind::Reference:
            return "reference";
        case TimingKind::Combination:
            return "combination";
        case TimingKind::Unknown:
            return "unknown";
    }
    return "unknown";
}

std::string_view season_name(Season season) {
    switch (season) {
        case Season::Spring:
            return "spring";
        case Season::Summer:
            return "summer";
        case Season::Autumn:
            return "autumn";
        case Season::Winter:
            return "winter";
    }
    return "unknown";
}

std::string_view frequency_name(Frequency frequency) {
    switch (frequency) {
        case Frequency::Daily:
            return "daily";
        case Frequency::Weekly:
            return "weekly";
        case Frequency::Fortnightly:
            return "fortnightly";
        case Frequency::Monthly:
            return "monthly";
        case Frequency::Quarterly:
            return "quarterly";
        case Frequency::HalfYearly:
            return "half_yearly";
        case Frequency::Annually:
            return "annually";
    }
    return "unknown";
}

std::string_view Timing::kind_name() const { return timing_kind_name(kind); }

std::optional<Date> Timing::due_by() const {
    switch (kind) {
        case TimingKind::Date:
        case TimingKind::Month:
        case TimingKind::Season:
        case TimingKind::Range:
            return end;
        case TimingKind::Provisional:
            return parts.empty() ? std::nullopt : parts.front().due_by();
        case TimingKind::Combination: {
            std::optional<Date> latest;
            for (const auto& p : parts)
                if (const auto d = p.due_by(); d && (!latest || *d > *latest)) latest = d;
            return latest;
        }
        default:
            return std::nullopt;
    }
}

std::optional<Date> Timing::next_occurrence(const Date& after) const {
    switch (kind) {
        case TimingKind::Recurrence: {
            std::optional<Date> first;
            for (const auto f : frequencies)
                if (const Date d = next_for(f, after); !first || d < *first) first = d;
            return first;
        }
        case TimingKind::Provisional:
            return parts.empty() ? std::nullopt : parts.front().next_occurrence(after);
        case TimingKind::Combination: {
            // "April 1999 then quarterly": the quarters count from the end of April 1999.
            Date from = after;
            for (const auto& p : parts) {
                if (const auto d = p.next_occurrence(from)) return d;
                if (const auto d = p.due_by(); d && *d > from) from = *d;
            }
            return std::nullopt;
        }
        default:
            return std::nullopt;
    }
}

Timing parse_timing(std::string_view text) {
    Timing t;
    if (text.size() <= k_longest_text) {
        Reader reader(normalize(text));
        if (reader.only_dashes()) {
            t.kind = TimingKind::NotScheduled;
        } else {
            t = reader.parse(0, reader.size(), 0);
        }
    }
    t.text = std::string(text);
    t.for_review = t.kind == TimingKind::Unknown;
    return t;
}

}  // namespace civic

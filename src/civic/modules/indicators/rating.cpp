// SPDX-License-Identifier: AGPL-3.0-or-later
// The arithmetic of performance: RAG rules read and written, values shown in their units,
// ratings against targets, direction of travel and how shorter periods add up to longer
// ones. Everything is computed with full precision; only the numbers in sentences are
// rounded, to the indicator's decimal places.
#include "civic/modules/indicators/rating.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/value.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "civic/core/period.hpp"
#include "civic/core/text.hpp"

namespace civic::indicators {
namespace {

// Two numbers this close are the same: a relative tolerance, so that a value exactly on a
// margin worked out in floating point (81 × 5% = 4.05, 81 − 4.05 = 76.95) counts as on it.
double tolerance(double a, double b) { return 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }
bool same(double a, double b) { return std::abs(a - b) <= tolerance(a, b); }

std::string capitalise(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
    return s;
}

// Digits of a whole number with commas between the thousands: "1,234,567".
std::string group_thousands(std::string_view digits) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i && (n - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// |v| rounded to `decimals` places, half away from zero (a value that is a tie but for
// floating point, such as 0.285 to two places, counts as the tie), with thousands
// separators: "1,234.50". Sets `negative` when the rounded value is below zero.
std::string plain_magnitude(double v, int decimals, bool& negative) {
    decimals = std::clamp(decimals, 0, 9);
    const double scale = std::pow(10.0, decimals);
    const double x = std::abs(v) * scale;
    if (!std::isfinite(x) || x >= 9e15) {
        negative = v < 0;
        return fmt::format("{:.{}f}", std::abs(v), decimals);
    }
    double whole = std::floor(x);
    if (x - whole >= 0.5 - 1e-9 * std::max(1.0, x)) whole += 1;
    const auto units = static_cast<std::int64_t>(whole);
    negative = v < 0 && units != 0;
    const auto pow10 = static_cast<std::int64_t>(scale);
    std::string out = group_thousands(std::to_string(units / pow10));
    if (decimals > 0) {
        std::string frac = std::to_string(units % pow10);
        out += '.';
        out += std::string(static_cast<std::size_t>(decimals) - frac.size(), '0');
        out += frac;
    }
    return out;
}

std::string plain_number(double v, int decimals) {
    bool negative = false;
    std::string m = plain_magnitude(v, decimals, negative);
    return negative ? "-" + m : m;
}

// The fewest decimal places (up to 6) that show v exactly: 5 → 0, 2.5 → 1, 0.125 → 3.
int decimals_needed(double v) {
    for (int d = 0; d < 6; ++d) {
        const double scale = std::pow(10.0, d);
        if (same(std::round(v * scale) / scale, v)) return d;
    }
    return 6;
}

// A number in its shortest exact spelling, for rules and margins: 5, 2.5, 0.125.
std::string shortest(double v) {
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return fmt::format("{}", static_cast<long long>(v));
    return fmt::format("{}", v);
}

bool is_unit(const Format& f, std::string_view unit) { return f.unit == unit; }

// A value in its unit, rounded to d places (the caller decides d).
std::string shown(double v, const Format& f, int d) {
    Format g = f;
    g.decimals = d;
    return format_value(v, g);
}
std::string shown_difference(double v, const Format& f, int d) {
    Format g = f;
    g.decimals = d;
    return format_difference(v, g);
}

// The decimal places a sentence shows: the indicator's own, or more when they would make
// two different numbers look the same ("81% is 0 points below the target of 81%").
int places_to_tell_apart(double a, double b, const Format& f) {
    int d = std::max(0, f.decimals);
    if (same(a, b)) return d;
    const int limit = d + 4;
    while (d < limit && shown(a, f, d) == shown(b, f, d)) ++d;
    return d;
}

// A RAG margin as the rule gives it: "5%", or in the indicator's units ("2.5 points",
// "3 days"), never rounded away.
std::string margin_in_words(const RagRule& rule, const Format& f) {
    if (rule.margin_is_percent) return shortest(rule.margin) + "%";
    return shown_difference(rule.margin, f, std::max(f.decimals, decimals_needed(rule.margin)));
}

constexpr std::string_view k_rule_help =
    "met, amber-within:MARGIN or green-within:MARGIN;amber-if:better-than-last-year, where "
    "MARGIN is a number, or a percentage such as 5%";

// A keyword as typed, read forgivingly: any case, spaces or underscores for hyphens.
std::string keyword(std::string_view s) {
    std::string out;
    bool gap = false;
    for (char c : trim(s)) {
        if (c == ' ' || c == '\t' || c == '_' || c == '-') {
            gap = true;
            continue;
        }
        if (gap && !out.empty()) out += '-';
        gap = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return out;
}

std::expected<void, std::string> read_margin(std::string_view original, std::string_view text,
                                             RagRule& rule) {
    const std::string needs = fmt::format(
        "The RAG rule '{}' needs a margin: a number, or a percentage such as 5%", original);
    text = trim(text);
    bool percent = false;
    if (!text.empty() && text.back() == '%') {
        percent = true;
        text = trim(text.substr(0, text.size() - 1));
    }
    if (text.empty() || text.find('%') != std::string_view::npos) return std::unexpected(needs);
    const auto n = parse_number(text);
    if (!n) return std::unexpected(needs);
    if (*n < 0)
        return std::unexpected(fmt::format(
            "The margin of the RAG rule '{}' cannot be negative: give 0 or more, such as 5%",
            original));
    rule.margin = *n == 0 ? 0.0 : *n;  // no negative zero
    rule.margin_is_percent = percent;
    return {};
}

// The noun for a list of periods: "months" when every one is a month, else "periods".
std::string periods_noun(const std::vector<std::string_view>& periods) {
    std::optional<PeriodKind> kind;
    bool mixed = periods.empty();
    for (auto p : periods) {
        const auto parsed = parse_period(p);
        if (!parsed || (kind && *kind != parsed->kind())) {
            mixed = true;
            break;
        }
        kind = parsed->kind();
    }
    const bool one = periods.size() == 1;
    std::string_view noun = "period";
    if (!mixed && kind) switch (*kind) {
            case PeriodKind::Month:
                noun = "month";
                break;
            case PeriodKind::Quarter:
                noun = "quarter";
                break;
            case PeriodKind::FinancialYear:
                noun = "financial year";
                break;
            case PeriodKind::CalendarYear:
                noun = "calendar year";
                break;
            case PeriodKind::AcademicYear:
                noun = "academic year";
                break;
            case PeriodKind::Span:
                noun = "plan period";
                break;
        }
    return one ? std::string(noun) : std::string(noun) + "s";
}

std::string list_and(const std::vector<std::string_view>& items) {
    return list_in_words(std::span<const std::string_view>(items.data(), items.size()), "and");
}

// "; 2025-05 has no value" or "; 2025-05 and 2025-07 have no value", for what was left out.
std::string left_out(const std::vector<std::string_view>& missing, std::string_view what) {
    if (missing.empty()) return "";
    return fmt::format("; {} {} {}", list_and(missing), missing.size() == 1 ? "has" : "have", what);
}

}  // namespace

// Polarity ---------------------------------------------------------------------------------

std::optional<Polarity> polarity_from(std::string_view text) {
    text = trim(text);
    if (equal_ignoring_case(text, "higher")) return Polarity::Higher;
    if (equal_ignoring_case(text, "lower")) return Polarity::Lower;
    if (equal_ignoring_case(text, "band")) return Polarity::Band;
    return std::nullopt;
}

std::string_view polarity_name(Polarity p) {
    switch (p) {
        case Polarity::Higher:
            return "higher";
        case Polarity::Lower:
            return "lower";
        case Polarity::Band:
            return "band";
    }
    return "higher";
}

// RAG rules --------------------------------------------------------------------------------

std::expected<RagRule, std::string> parse_rag_rule(std::string_view text) {
    const std::string_view original = trim(text);
    if (original.empty())
        return std::unexpected(fmt::format("The RAG rule is blank: expected {}", k_rule_help));

    std::vector<std::string_view> parts;
    for (std::string_view rest = original;;) {
        const auto semi = rest.find(';');
        parts.push_back(trim(rest.substr(0, semi)));
        if (semi == std::string_view::npos) break;
        rest.remove_prefix(semi + 1);
    }
    // A trailing semicolon is harmless.
    if (parts.size() > 1 && parts.back().empty()) parts.pop_back();

    const auto split = [](std::string_view part) {
        const auto colon = part.find(':');
        return std::pair{keyword(part.substr(0, colon)), colon == std::string_view::npos
                                                             ? std::optional<std::string_view>()
                                                             : trim(part.substr(colon + 1))};
    };

    RagRule rule;
    const auto [name, argument] = split(parts[0]);
    if (name == "met") {
        if (argument)
            return std::unexpected(fmt::format(
                "The RAG rule '{}' has a margin, but met takes none: write just met", original));
        rule.kind = RagRule::Kind::Met;
    } else if (name == "amber-within" || name == "green-within") {
        rule.kind =
            name == "amber-within" ? RagRule::Kind::AmberWithin : RagRule::Kind::GreenWithin;
        if (auto ok = read_margin(original, argument.value_or(""), rule); !ok)
            return std::unexpected(ok.error());
    } else {
        return std::unexpected(fmt::format("The RAG rule '{}' is not one Civic knows: expected {}",
                                           original, k_rule_help));
    }

    for (std::size_t i = 1; i < parts.size(); ++i) {
        const auto [extra, value] = split(parts[i]);
        if (extra != "amber-if")
            return std::unexpected(
                fmt::format("The RAG rule '{}' has '{}' after its first part, where only "
                            "amber-if:better-than-last-year may follow green-within",
                            original, parts[i]));
        if (rule.kind != RagRule::Kind::GreenWithin)
            return std::unexpected(fmt::format(
                "The RAG rule '{}' says amber-if, which goes only with green-within, as in "
                "green-within:10%;amber-if:better-than-last-year",
                original));
        if (!value || keyword(*value) != "better-than-last-year")
            return std::unexpected(fmt::format(
                "The RAG rule '{}' says amber-if but not when: the only condition Civic knows "
                "is amber-if:better-than-last-year",
                original));
        if (rule.amber_if_better_than_last_year)
            return std::unexpected(
                fmt::format("The RAG rule '{}' says amber-if twice: write it once", original));
        rule.amber_if_better_than_last_year = true;
    }
    return rule;
}

std::string to_string(const RagRule& rule) {
    switch (rule.kind) {
        case RagRule::Kind::Met:
            return "met";
        case RagRule::Kind::AmberWithin:
            return "amber-within:" + shortest(rule.margin) + (rule.margin_is_percent ? "%" : "");
        case RagRule::Kind::GreenWithin:
            return "green-within:" + shortest(rule.margin) + (rule.margin_is_percent ? "%" : "") +
                   (rule.amber_if_better_than_last_year ? ";amber-if:better-than-last-year" : "");
    }
    return "met";
}

boost::json::object to_json(const RagRule& rule) {
    boost::json::object o;
    switch (rule.kind) {
        case RagRule::Kind::Met:
            o["rule"] = "met";
            break;
        case RagRule::Kind::AmberWithin:
            o["rule"] = "amber-within";
            break;
        case RagRule::Kind::GreenWithin:
            o["rule"] = "green-within";
            break;
    }
    if (rule.kind == RagRule::Kind::Met) {
        o["margin"] = nullptr;
        o["margin_is_percent"] = false;
    } else {
        // A whole margin as a JSON integer (5, not 5E0).
        if (rule.margin == std::floor(rule.margin) && std::abs(rule.margin) < 1e15)
            o["margin"] = static_cast<std::int64_t>(rule.margin);
        else
            o["margin"] = rule.margin;
        o["margin_is_percent"] = rule.margin_is_percent;
    }
    if (rule.kind == RagRule::Kind::GreenWithin && rule.amber_if_better_than_last_year)
        o["amber_if"] = "better-than-last-year";
    else
        o["amber_if"] = nullptr;
    o["text"] = to_string(rule);
    return o;
}

std::expected<RagRule, std::string> rag_rule_from_json(const boost::json::value& v) {
    if (v.is_string()) return parse_rag_rule(v.get_string());
    if (!v.is_object())
        return std::unexpected(std::string(
            "The RAG rule must be an object such as {\"rule\": \"amber-within\", \"margin\": 5, "
            "\"margin_is_percent\": true}, or text such as \"amber-within:5%\""));
    const auto& o = v.get_object();
    const auto* rule_name = o.if_contains("rule");
    if (!rule_name || rule_name->is_null()) {
        if (const auto* text = o.if_contains("text"); text && text->is_string())
            return parse_rag_rule(text->get_string());
        return std::unexpected(
            std::string("The RAG rule needs its rule: met, amber-within or green-within"));
    }
    if (!rule_name->is_string())
        return std::unexpected(std::string(
            "The rule of the RAG rule must be text: met, amber-within or green-within"));
    const std::string name = keyword(rule_name->get_string());
    RagRule rule;
    if (name == "met")
        rule.kind = RagRule::Kind::Met;
    else if (name == "amber-within")
        rule.kind = RagRule::Kind::AmberWithin;
    else if (name == "green-within")
        rule.kind = RagRule::Kind::GreenWithin;
    else
        return std::unexpected(fmt::format(
            "The rule of the RAG rule is '{}', where met, amber-within or green-within was "
            "expected",
            std::string_view(rule_name->get_string())));

    if (rule.kind != RagRule::Kind::Met) {
        const auto* margin = o.if_contains("margin");
        if (!margin || !margin->is_number())
            return std::unexpected(fmt::format(
                "The RAG rule {} needs a margin: a number such as 5 (with margin_is_percent "
                "true for 5% of the target)",
                name));
        const double m = margin->to_number<double>();
        if (!std::isfinite(m) || m < 0)
            return std::unexpected(fmt::format(
                "The margin of the RAG rule {} cannot be negative: give 0 or more", name));
        rule.margin = m == 0 ? 0.0 : m;
        if (const auto* pct = o.if_contains("margin_is_percent"); pct && !pct->is_null()) {
            if (!pct->is_bool())
                return std::unexpected(
                    std::string("The margin_is_percent of the RAG rule must be true or false"));
            rule.margin_is_percent = pct->get_bool();
        }
    }
    if (const auto* amber_if = o.if_contains("amber_if"); amber_if && !amber_if->is_null()) {
        if (!amber_if->is_string() || keyword(amber_if->get_string()) != "better-than-last-year")
            return std::unexpected(std::string(
                "The amber_if of the RAG rule must be \"better-than-last-year\" or null"));
        if (rule.kind != RagRule::Kind::GreenWithin)
            return std::unexpected(
                std::string("The amber_if of the RAG rule goes only with the rule green-within"));
        rule.amber_if_better_than_last_year = true;
    }
    return rule;
}

std::string describe(const RagRule& rule) {
    const std::string margin = shortest(rule.margin) + (rule.margin_is_percent ? "%" : "");
    switch (rule.kind) {
        case RagRule::Kind::Met:
            return "met or not";
        case RagRule::Kind::AmberWithin:
            return "amber within " + margin;
        case RagRule::Kind::GreenWithin:
            return "green within " + margin +
                   (rule.amber_if_better_than_last_year
                        ? ", then amber if better than the same period last year"
                        : ", then red");
    }
    return "met or not";
}

// Numbers ----------------------------------------------------------------------------------

std::optional<double> parse_number(std::string_view text) {
    std::string_view s = trim(text);
    bool negative = false;
    const auto take_sign = [&] {
        if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
            negative = s.front() == '-';
            s.remove_prefix(1);
            return true;
        }
        return false;
    };
    const bool signed_first = take_sign();
    if (s.starts_with("£")) s.remove_prefix(std::string_view("£").size());
    if (!signed_first) take_sign();
    if (!s.empty() && s.back() == '%') s = trim(s.substr(0, s.size() - 1));
    if (s.empty()) return std::nullopt;

    // The whole part: digits, with commas only between groups of three.
    std::string digits;
    std::size_t i = 0;
    std::size_t group = 0;
    bool commas = false;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == ',')) {
        if (s[i] == ',') {
            if (digits.empty() || (commas ? group != 3 : group > 3)) return std::nullopt;
            commas = true;
            group = 0;
        } else {
            digits += s[i];
            ++group;
        }
        ++i;
    }
    if (commas && group != 3) return std::nullopt;
    std::string number = digits;
    bool fraction_digits = false;
    if (i < s.size() && s[i] == '.') {
        number += '.';
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            number += s[i++];
            fraction_digits = true;
        }
    }
    if (digits.empty() && !fraction_digits) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        number += 'e';
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) number += s[i++];
        bool exponent_digits = false;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            number += s[i++];
            exponent_digits = true;
        }
        if (!exponent_digits) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    if (number.front() == '.') number.insert(number.begin(), '0');

    double value = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(value))
        return std::nullopt;
    if (value == 0) return 0.0;
    return negative ? -value : value;
}

std::string format_value(double v, const Format& f) {
    const int d = std::max(0, f.decimals);
    if (is_unit(f, "percentage")) return plain_number(v, d) + "%";
    if (is_unit(f, "money")) {
        bool negative = false;
        const std::string m = plain_magnitude(v, d > 0 ? 2 : 0, negative);
        return (negative ? "-£" : "£") + m;
    }
    if (is_unit(f, "days")) {
        const std::string n = plain_number(v, d);
        return n + (n == "1" || n == "-1" ? " day" : " days");
    }
    if (is_unit(f, "rate-per-1000")) return plain_number(v, d) + " per 1,000";
    return plain_number(v, d);  // number, ratio
}

std::string format_difference(double v, const Format& f) {
    const double size = std::abs(v);
    if (is_unit(f, "percentage")) {
        const std::string n = plain_number(size, std::max(0, f.decimals));
        return n + (n == "1" ? " point" : " points");
    }
    return format_value(size, f);
}

// Ratings ----------------------------------------------------------------------------------

Rating rate(const RatingInput& in) {
    Rating r;
    const Format& f = in.format;
    const bool band = in.polarity == Polarity::Band;

    // The target, as one value or a band (an edge may be open).
    std::optional<double> low, high;
    if (band) {
        low = in.target.low;
        high = in.target.high;
        if (!low && !high && in.target.value) low = high = in.target.value;
    }
    const bool has_target = band ? (low || high) : in.target.value.has_value();

    const int d0 = std::max(0, f.decimals);
    std::string target_words;
    if (band) {
        if (low && high && same(*low, *high))
            target_words = "the target of " + shown(*low, f, d0);
        else if (low && high)
            target_words =
                fmt::format("the target band of {} to {}", shown(*low, f, d0), shown(*high, f, d0));
        else if (low)
            target_words = fmt::format("the target band of {} or more", shown(*low, f, d0));
        else if (high)
            target_words = fmt::format("the target band of {} or less", shown(*high, f, d0));
    } else if (has_target) {
        target_words = "the target of " + shown(*in.target.value, f, d0);
    }
    // The rule in words, an absolute margin in the indicator's units: "amber within 5%",
    // "amber within 2.5 days".
    std::string rule_in_words = describe(in.rule);
    if (in.rule.kind != RagRule::Kind::Met && !in.rule.margin_is_percent) {
        const std::string bare = shortest(in.rule.margin);
        const auto at = rule_in_words.find(bare);
        if (at != std::string::npos)
            rule_in_words.replace(at, bare.size(), margin_in_words(in.rule, f));
    }
    const std::string rule_words = "; the rule is " + rule_in_words + ".";

    if (!has_target) {
        r.rag = "none";
        r.explanation = in.value
                            ? fmt::format("None: there is no target to rate {} against.",
                                          shown(*in.value, f, d0))
                            : std::string("None: there is no target and no value for this period.");
        return r;
    }
    if (!in.value) {
        r.rag = "awaiting";
        r.explanation =
            fmt::format("Awaiting: there is no value yet to rate against {}.", target_words);
        return r;
    }
    const double value = *in.value;

    // The deviation, signed, and how far the value falls short (0 or more) from the edge
    // that counts.
    double reference = 0;  // the target, or the band's nearest edge
    double deviation = 0;
    double shortfall = 0;
    bool inside = false;
    if (band) {
        if (low && value < *low && !same(value, *low)) {
            reference = *low;
            deviation = value - *low;
            shortfall = -deviation;
        } else if (high && value > *high && !same(value, *high)) {
            reference = *high;
            deviation = value - *high;
            shortfall = deviation;
        } else {
            inside = true;
            reference = low ? *low : *high;
        }
    } else {
        reference = *in.target.value;
        deviation = value - reference;
        shortfall = in.polarity == Polarity::Higher ? -deviation : deviation;
        inside = shortfall <= 0 || same(value, reference);
    }
    r.met = inside;
    r.deviation = inside && band ? 0.0 : deviation;
    if (band && inside)
        r.deviation_percent = 0.0;
    else if (reference != 0)
        r.deviation_percent = *r.deviation / std::abs(reference) * 100;

    const double margin =
        in.rule.margin_is_percent ? std::abs(reference) * in.rule.margin / 100 : in.rule.margin;
    const bool within_margin =
        shortfall <= margin || std::abs(shortfall - margin) <= tolerance(shortfall, margin) ||
        // the margin worked out from the value and the target: 81 − 76.95 against 4.05
        same(value, in.polarity == Polarity::Lower || (band && deviation > 0) ? reference + margin
                                                                              : reference - margin);

    // Better than the same period last year, by polarity (for a band, nearer it).
    std::optional<bool> better_than_last_year;
    if (in.last_year) {
        const double ly = *in.last_year;
        if (band) {
            const auto distance = [&](double x) {
                if (low && x < *low) return *low - x;
                if (high && x > *high) return x - *high;
                return 0.0;
            };
            const double a = distance(value), b = distance(ly);
            better_than_last_year = a < b && !same(a, b);
        } else if (in.polarity == Polarity::Higher) {
            better_than_last_year = value > ly && !same(value, ly);
        } else {
            better_than_last_year = value < ly && !same(value, ly);
        }
    }

    std::string clauses;
    switch (in.rule.kind) {
        case RagRule::Kind::Met:
            r.rag = inside ? "green" : "red";
            break;
        case RagRule::Kind::AmberWithin:
            if (inside) {
                r.rag = "green";
            } else if (within_margin) {
                r.rag = "amber";
                clauses += ", within " + margin_in_words(in.rule, f) + " of it";
            } else {
                r.rag = "red";
            }
            break;
        case RagRule::Kind::GreenWithin:
            if (inside) {
                r.rag = "green";
            } else if (within_margin) {
                r.rag = "green";
                clauses += ", within " + margin_in_words(in.rule, f) + " of it";
            } else if (!in.rule.amber_if_better_than_last_year) {
                r.rag = "red";
                clauses += ", more than " + margin_in_words(in.rule, f) + " from it";
            } else if (!better_than_last_year) {
                r.rag = "red";
                clauses += ", and there was no value a year before to compare it with";
            } else if (*better_than_last_year) {
                r.rag = "amber";
                clauses += ", but better than " +
                           shown(*in.last_year, f, places_to_tell_apart(value, *in.last_year, f)) +
                           " a year before";
            } else {
                r.rag = "red";
                clauses += ", and no better than " +
                           shown(*in.last_year, f, places_to_tell_apart(value, *in.last_year, f)) +
                           " a year before";
            }
            break;
    }
    if (in.polarity == Polarity::Lower) clauses += ", and lower is better";

    // The value against its target, with enough places to tell them apart.
    std::string position;
    if (band && inside && !(low && high && same(*low, *high))) {
        position = fmt::format("{} is inside {}", shown(value, f, d0), target_words);
    } else if (same(value, reference)) {
        position = fmt::format("{} is on {}", shown(value, f, d0), target_words);
    } else {
        const int d = places_to_tell_apart(value, reference, f);
        std::string target_shown = target_words;
        if (d != d0) {
            // Show the target with as many places as the value it is told apart from.
            if (band && low && high && !same(*low, *high))
                target_shown = fmt::format("the target band of {} to {}", shown(*low, f, d),
                                           shown(*high, f, d));
            else if (band && low && high)
                target_shown = "the target of " + shown(*low, f, d);
            else if (band && low)
                target_shown = fmt::format("the target band of {} or more", shown(*low, f, d));
            else if (band)
                target_shown = fmt::format("the target band of {} or less", shown(*high, f, d));
            else
                target_shown = "the target of " + shown(reference, f, d);
        }
        position = fmt::format("{} is {} {} {}", shown(value, f, d),
                               shown_difference(value - reference, f, d),
                               value < reference ? "below" : "above", target_shown);
    }
    r.explanation = capitalise(r.rag) + ": " + position + clauses + rule_words;
    return r;
}

// Direction of travel ----------------------------------------------------------------------

Direction direction_of(Polarity polarity, const Format& format, std::optional<double> value,
                       std::optional<double> earlier, std::string_view earlier_period,
                       const Target& band) {
    Direction out;
    out.compared_with = earlier;
    const std::string when =
        earlier_period.empty() ? std::string("the period before") : std::string(earlier_period);
    const int d0 = std::max(0, format.decimals);
    if (!earlier) {
        out.direction = "none";
        out.explanation = fmt::format("None: there is no value for {} to compare with.", when);
        return out;
    }
    if (!value) {
        out.direction = "none";
        out.explanation = fmt::format("None: there is no value yet to compare with {} in {}.",
                                      format_value(*earlier, format), when);
        return out;
    }
    out.change = *value - *earlier;

    std::optional<double> low = band.low, high = band.high;
    if (polarity == Polarity::Band && !low && !high && band.value) low = high = band.value;
    if (polarity == Polarity::Band && !low && !high) {
        out.direction = "none";
        out.explanation =
            "None: with no target band there is no saying whether nearer or further is better.";
        return out;
    }

    int comparison = 0;  // 1 better, -1 worse
    std::string why;
    if (polarity == Polarity::Band) {
        const auto distance = [&](double x) {
            if (low && x < *low) return *low - x;
            if (high && x > *high) return x - *high;
            return 0.0;
        };
        const double now = distance(*value), then = distance(*earlier);
        if (!same(now, then)) comparison = now < then ? 1 : -1;
        if (comparison > 0)
            why = now == 0 ? ", inside the target band" : ", nearer the target band";
        if (comparison < 0) why = ", further from the target band";
        if (comparison == 0 && now == 0 && !same(*value, *earlier))
            why = ", both inside the target band";
    } else {
        if (!same(*value, *earlier))
            comparison = (*value > *earlier) == (polarity == Polarity::Higher) ? 1 : -1;
        if (polarity == Polarity::Lower && comparison != 0) why = ", and lower is better";
    }
    out.direction = comparison > 0 ? "better" : comparison < 0 ? "worse" : "same";
    const int d = comparison == 0 ? d0 : places_to_tell_apart(*value, *earlier, format);
    out.explanation = fmt::format("{}: {} against {} in {}{}.", capitalise(out.direction),
                                  shown(*value, format, d), shown(*earlier, format, d), when, why);
    return out;
}

// Aggregation ------------------------------------------------------------------------------

double unit_multiplier(std::string_view unit) {
    if (unit == "percentage") return 100;
    if (unit == "rate-per-1000") return 1000;
    return 1;
}

Aggregate aggregate(std::string_view how, std::string_view unit,
                    const std::vector<PartValue>& parts) {
    Aggregate out;
    std::vector<std::string_view> with, without;
    for (const auto& p : parts) (p.value ? with : without).push_back(p.period);
    out.parts = static_cast<int>(with.size());

    const auto number = [](double v) { return plain_number(v, std::min(decimals_needed(v), 4)); };

    if (how == "sum" || how == "mean") {
        if (with.empty()) {
            out.explanation =
                parts.empty() ? std::string("There are no periods to add up.")
                              : fmt::format("There is no value for any of the {} {}: {}.",
                                            parts.size(), periods_noun(without), list_and(without));
            return out;
        }
        double sum = 0;
        for (const auto& p : parts)
            if (p.value) sum += *p.value;
        out.value = how == "sum" ? sum : sum / static_cast<double>(with.size());
        out.explanation =
            fmt::format("The {} of {} {}: {}{}.", how, with.size(), periods_noun(with),
                        list_and(with), left_out(without, "no value"));
        return out;
    }
    if (how == "last") {
        const PartValue* last = nullptr;
        for (const auto& p : parts)
            if (p.value) last = &p;
        if (!last) {
            out.explanation =
                parts.empty() ? std::string("There are no periods to take the latest value of.")
                              : fmt::format("There is no value for any of the {} {}: {}.",
                                            parts.size(), periods_noun(without), list_and(without));
            return out;
        }
        out.value = last->value;
        std::vector<std::string_view> later;
        bool after = false;
        for (const auto& p : parts) {
            if (&p == last)
                after = true;
            else if (after)
                later.push_back(p.period);
        }
        out.explanation = fmt::format("The value of {}, the latest {} with a value{}.",
                                      last->period, periods_noun({std::string_view(last->period)}),
                                      left_out(later, "no value"));
        return out;
    }
    if (how == "ratio") {
        std::vector<std::string_view> used, skipped;
        double numerators = 0, denominators = 0;
        for (const auto& p : parts) {
            if (p.numerator && p.denominator) {
                used.push_back(p.period);
                numerators += *p.numerator;
                denominators += *p.denominator;
            } else {
                skipped.push_back(p.period);
            }
        }
        out.parts = static_cast<int>(used.size());
        if (used.empty()) {
            out.explanation =
                parts.empty()
                    ? std::string("There are no periods to add up.")
                    : fmt::format("There is no numerator and denominator for any of the {} {}: {}.",
                                  parts.size(), periods_noun(skipped), list_and(skipped));
            return out;
        }
        out.numerator = numerators;
        out.denominator = denominators;
        const double multiplier = unit_multiplier(unit);
        const std::string times =
            multiplier == 1 ? std::string() : " × " + plain_number(multiplier, 0);
        const std::string skipped_words =
            skipped.empty() ? std::string()
                            : fmt::format("; {} {} left out, with no numerator or denominator",
                                          list_and(skipped), skipped.size() == 1 ? "is" : "are");
        if (denominators == 0) {
            out.explanation = fmt::format(
                "The summed denominators of {} {} ({}) come to 0, so there is no ratio{}.",
                used.size(), periods_noun(used), list_and(used), skipped_words);
            return out;
        }
        out.value = numerators / denominators * multiplier;
        out.explanation = fmt::format(
            "The summed numerators over the summed denominators of {} {} ({}): {} / {}{} = {}{}.",
            used.size(), periods_noun(used), list_and(used), number(numerators),
            number(denominators), times, number(*out.value), skipped_words);
        return out;
    }
    out.parts = 0;
    out.explanation = fmt::format(
        "Civic does not know how to combine periods by '{}': expected sum, mean, last or ratio.",
        how);
    return out;
}

}  // namespace civic::indicators

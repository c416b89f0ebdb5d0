// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The arithmetic of performance, with no database: how a value is rated red, amber or green
// against its target by the indicator's own rule, which way it has moved, and how values of
// shorter periods add up to longer ones. Every answer carries the numbers and the sentence
// that produced it, because an officer asked "why is this red?" must be able to say.
//
// A RAG rule is written in CSV (and on the command line and in forms) as one of:
//
//   met                                              green when met, red otherwise
//   amber-within:5%          amber-within:2.5        green when met; amber when missed by no
//                                                    more than 5% of the target (or 2.5 in
//                                                    the indicator's units); red otherwise
//   green-within:10%;amber-if:better-than-last-year  green when met or missed by no more than
//                                                    10%; beyond that amber if better than the
//                                                    same period last year, red if not
//
// and in JSON as {"rule": "amber-within", "margin": 5, "margin_is_percent": true, …}.

#include <boost/json/object.hpp>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civic::indicators {

enum class Polarity { Higher, Lower, Band };  // "higher", "lower", "band"

// percentage, number, money, days, ratio, rate-per-1000
inline constexpr std::string_view k_units[] = {"percentage", "number", "money",
                                               "days",       "ratio",  "rate-per-1000"};
inline constexpr std::string_view k_polarities[] = {"higher", "lower", "band"};

std::optional<Polarity> polarity_from(std::string_view text);  // any case
std::string_view polarity_name(Polarity p);

struct RagRule {
    enum class Kind { Met, AmberWithin, GreenWithin };
    Kind kind = Kind::Met;
    // AmberWithin: the amber margin; GreenWithin: the green margin. A percentage of the target
    // when margin_is_percent, else in the indicator's units.
    double margin = 0;
    bool margin_is_percent = false;
    // GreenWithin only: beyond the margin, amber if better than the same period last year.
    bool amber_if_better_than_last_year = false;

    friend bool operator==(const RagRule&, const RagRule&) = default;
};

// Reads the CSV spelling, forgiving of case and spaces around the parts. The error says
// what was expected, in words an officer understands.
std::expected<RagRule, std::string> parse_rag_rule(std::string_view text);
// The canonical CSV spelling: "met", "amber-within:5%", "amber-within:2.5",
// "green-within:10%;amber-if:better-than-last-year".
std::string to_string(const RagRule& rule);
// {"rule": "met" | "amber-within" | "green-within", "margin": 5, "margin_is_percent": true,
//  "amber_if": "better-than-last-year" | null, "text": "amber-within:5%"}; met has margin null.
boost::json::object to_json(const RagRule& rule);
// Reads the structured form back (or a string in the CSV spelling).
std::expected<RagRule, std::string> rag_rule_from_json(const boost::json::value& v);
// In words, for the sentence: "amber within 5%", "green within 10%, then amber if better than
// the same period last year", "met or not".
std::string describe(const RagRule& rule);

// A number as an officer types it or a spreadsheet writes it: "42", "-3.5", "1,234.5", ".5",
// "1e3"; a trailing "%" or a leading "£" is allowed and ignored. nullopt for anything else
// (blank, "n/a", "12abc", thousands commas in the wrong places, not finite).
std::optional<double> parse_number(std::string_view text);

// How a value is shown: its unit and decimal places. 32 percentage → "32%"; 1234.5 money →
// "£1,234.50" (money keeps pence only when the indicator has decimals); 4.25 days → "4.25
// days"; 3.1 rate-per-1000 → "3.1 per 1,000".
struct Format {
    std::string unit = "number";
    int decimals = 0;
};
std::string format_value(double v, const Format& f);
// The size of a difference between two values (its sign dropped: the sentence says above or
// below) in the unit's words: "49 points" for a percentage, "£120", "2.5 days", "3".
std::string format_difference(double v, const Format& f);

// A target: a single value, or for a band indicator the band low–high (inclusive).
struct Target {
    std::optional<double> value;
    std::optional<double> low, high;
};

// "green", "amber", "red", "none" (no target), "awaiting" (no value).
inline constexpr std::string_view k_rags[] = {"green", "amber", "red", "none", "awaiting"};

struct Rating {
    std::string rag;  // one of k_rags
    // value − target in the indicator's units, signed (for a band, the distance to the
    // nearest edge, 0 inside); nullopt for none and awaiting.
    std::optional<double> deviation;
    // deviation as a percentage of the target (nullopt when the target is 0 or absent).
    std::optional<double> deviation_percent;
    bool met = false;
    // "Red: 32% is 49 points below the target of 81%; the rule is amber within 5%."
    std::string explanation;
};

struct RatingInput {
    Polarity polarity = Polarity::Higher;
    RagRule rule;
    Format format;
    std::optional<double> value;
    Target target;
    std::optional<double> last_year;  // the value of the same period a year before
};
Rating rate(const RatingInput& in);

// Which way a value moved against an earlier one, by polarity: "better", "same", "worse",
// or "none" when either is missing. For a band indicator, better is nearer the band (inside
// it counts as distance 0), so it needs the target; without one it is "none".
inline constexpr std::string_view k_directions[] = {"better", "same", "worse", "none"};
struct Direction {
    std::string direction;
    std::optional<double> compared_with;  // the earlier value
    std::optional<double> change;         // value − earlier
    std::string explanation;              // "Better: 34% against 30% in 2024/25 Q1."
};
Direction direction_of(Polarity polarity, const Format& format, std::optional<double> value,
                       std::optional<double> earlier, std::string_view earlier_period,
                       const Target& band = {});

// How values of shorter periods make a longer one: "sum", "mean", "last" (the latest period's
// value), "ratio" (summed numerators over summed denominators, times the unit's multiplier).
inline constexpr std::string_view k_aggregations[] = {"sum", "mean", "last", "ratio"};
struct PartValue {
    std::string period;  // canonical, in date order
    std::optional<double> value, numerator, denominator;
};
struct Aggregate {
    std::optional<double> value;
    std::optional<double> numerator, denominator;  // for ratio
    int parts = 0;  // how many periods had a value (for ratio, a numerator and denominator)
    std::string explanation;  // "The sum of 3 months: 2025-04, 2025-05, 2025-06."
};
Aggregate aggregate(std::string_view how, std::string_view unit,
                    const std::vector<PartValue>& parts);

// The multiplier a value is its numerator over its denominator times: 100 for a percentage,
// 1,000 for a rate per 1,000, 1 otherwise.
double unit_multiplier(std::string_view unit);

}  // namespace civic::indicators

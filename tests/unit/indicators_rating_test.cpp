// SPDX-License-Identifier: AGPL-3.0-or-later
// The indicators module's arithmetic with no database: RAG rules read and written, values in
// their units, ratings against targets by each rule and polarity, direction of travel, and
// how shorter periods add up to longer ones. Every expected figure is worked out by hand in
// the comment beside it.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>
#include <vector>

#include "civic/modules/indicators/rating.hpp"

namespace civic::indicators {
namespace {

const Format k_percent{"percentage", 0};
const Format k_days{"days", 0};

RagRule rule(std::string_view text) {
    auto r = parse_rag_rule(text);
    EXPECT_TRUE(r) << text << ": " << r.error();
    return r.value_or(RagRule{});
}

Rating rated(Polarity polarity, std::string_view rule_text, const Format& format,
             std::optional<double> value, std::optional<double> target,
             std::optional<double> last_year = std::nullopt) {
    RatingInput in;
    in.polarity = polarity;
    in.rule = rule(rule_text);
    in.format = format;
    in.value = value;
    in.target.value = target;
    in.last_year = last_year;
    return rate(in);
}

Rating rated_band(std::string_view rule_text, std::optional<double> value,
                  std::optional<double> low, std::optional<double> high,
                  std::optional<double> last_year = std::nullopt) {
    RatingInput in;
    in.polarity = Polarity::Band;
    in.rule = rule(rule_text);
    in.format = k_percent;
    in.value = value;
    in.target.low = low;
    in.target.high = high;
    in.last_year = last_year;
    return rate(in);
}

// RAG rules ---------------------------------------------------------------------------------

TEST(RagRule, ReadsTheThreeRules) {
    EXPECT_EQ(rule("met"), (RagRule{RagRule::Kind::Met, 0, false, false}));
    EXPECT_EQ(rule("amber-within:5%"), (RagRule{RagRule::Kind::AmberWithin, 5, true, false}));
    EXPECT_EQ(rule("amber-within:2.5"), (RagRule{RagRule::Kind::AmberWithin, 2.5, false, false}));
    EXPECT_EQ(rule("green-within:10%;amber-if:better-than-last-year"),
              (RagRule{RagRule::Kind::GreenWithin, 10, true, true}));
    EXPECT_EQ(rule("green-within:10%"), (RagRule{RagRule::Kind::GreenWithin, 10, true, false}));
}

TEST(RagRule, ForgivingOfCaseAndSpaces) {
    EXPECT_EQ(rule("  MET "), rule("met"));
    EXPECT_EQ(rule(" Amber-Within : 5 % "), rule("amber-within:5%"));
    EXPECT_EQ(rule("amber within:5%"), rule("amber-within:5%"));
    EXPECT_EQ(rule("GREEN-WITHIN:10% ; Amber-If : Better-Than-Last-Year"),
              rule("green-within:10%;amber-if:better-than-last-year"));
    EXPECT_EQ(rule("amber-within:5.0%"), rule("amber-within:5%"));
    EXPECT_EQ(rule("amber-within:£500"), (RagRule{RagRule::Kind::AmberWithin, 500, false, false}));
    EXPECT_EQ(rule("amber-within:0"), (RagRule{RagRule::Kind::AmberWithin, 0, false, false}));
}

TEST(RagRule, CanonicalSpellingRoundTrips) {
    for (std::string_view text :
         {"met", "amber-within:5%", "amber-within:2.5", "amber-within:0.125",
          "green-within:10%;amber-if:better-than-last-year", "green-within:10%",
          "green-within:1.5"}) {
        EXPECT_EQ(to_string(rule(text)), text);
        const auto back = rag_rule_from_json(boost::json::value(to_json(rule(text))));
        ASSERT_TRUE(back) << text << ": " << back.error();
        EXPECT_EQ(*back, rule(text)) << text;
    }
    EXPECT_EQ(to_string(rule("Amber-Within: 2.50")), "amber-within:2.5");
    EXPECT_EQ(to_string(rule("amber-within:05%")), "amber-within:5%");
}

TEST(RagRule, JsonIsTheStructuredForm) {
    EXPECT_EQ(boost::json::serialize(to_json(rule("amber-within:5%"))),
              R"({"rule":"amber-within","margin":5,"margin_is_percent":true,"amber_if":null,)"
              R"("text":"amber-within:5%"})");
    EXPECT_EQ(boost::json::serialize(to_json(rule("amber-within:2.5"))),
              R"({"rule":"amber-within","margin":2.5E0,"margin_is_percent":false,)"
              R"("amber_if":null,"text":"amber-within:2.5"})");
    EXPECT_EQ(boost::json::serialize(to_json(rule("met"))),
              R"({"rule":"met","margin":null,"margin_is_percent":false,"amber_if":null,)"
              R"("text":"met"})");
    EXPECT_EQ(
        boost::json::serialize(to_json(rule("green-within:10%;amber-if:better-than-last-year"))),
        R"({"rule":"green-within","margin":10,"margin_is_percent":true,)"
        R"("amber_if":"better-than-last-year",)"
        R"("text":"green-within:10%;amber-if:better-than-last-year"})");
}

TEST(RagRule, ReadsJsonObjectsAndStrings) {
    const auto read = [](std::string_view json) {
        return rag_rule_from_json(boost::json::parse(json));
    };
    EXPECT_EQ(read(R"({"rule": "amber-within", "margin": 5, "margin_is_percent": true})").value(),
              rule("amber-within:5%"));
    EXPECT_EQ(read(R"({"rule": "amber-within", "margin": 2.5})").value(), rule("amber-within:2.5"));
    EXPECT_EQ(read(R"({"rule": "met"})").value(), rule("met"));
    EXPECT_EQ(read(R"({"rule": "green-within", "margin": 10, "margin_is_percent": true,
                       "amber_if": "better-than-last-year"})")
                  .value(),
              rule("green-within:10%;amber-if:better-than-last-year"));
    EXPECT_EQ(read(R"("green-within:10%;amber-if:better-than-last-year")").value(),
              rule("green-within:10%;amber-if:better-than-last-year"));
    EXPECT_EQ(read(R"({"text": "amber-within:5%"})").value(), rule("amber-within:5%"));

    EXPECT_EQ(read(R"({"rule": "amber-within"})").error(),
              "The RAG rule amber-within needs a margin: a number such as 5 (with "
              "margin_is_percent true for 5% of the target)");
    EXPECT_EQ(read(R"({"rule": "amber-within", "margin": -1})").error(),
              "The margin of the RAG rule amber-within cannot be negative: give 0 or more");
    EXPECT_EQ(read(R"({"rule": "purple"})").error(),
              "The rule of the RAG rule is 'purple', where met, amber-within or green-within was "
              "expected");
    EXPECT_EQ(read(R"({"rule": "met", "amber_if": "better-than-last-year"})").error(),
              "The amber_if of the RAG rule goes only with the rule green-within");
    EXPECT_EQ(read("42").error(),
              "The RAG rule must be an object such as {\"rule\": \"amber-within\", \"margin\": 5, "
              "\"margin_is_percent\": true}, or text such as \"amber-within:5%\"");
}

TEST(RagRule, ErrorsSayWhatWasExpected) {
    const auto error = [](std::string_view text) {
        auto r = parse_rag_rule(text);
        EXPECT_FALSE(r) << text;
        return r ? std::string() : r.error();
    };
    EXPECT_EQ(error("amber-within:x"),
              "The RAG rule 'amber-within:x' needs a margin: a number, or a percentage such as 5%");
    EXPECT_EQ(error("amber-within"),
              "The RAG rule 'amber-within' needs a margin: a number, or a percentage such as 5%");
    EXPECT_EQ(error("green-within:%"),
              "The RAG rule 'green-within:%' needs a margin: a number, or a percentage such as 5%");
    EXPECT_EQ(error("amber-within:-5%"),
              "The margin of the RAG rule 'amber-within:-5%' cannot be negative: give 0 or more, "
              "such as 5%");
    EXPECT_EQ(error(" "),
              "The RAG rule is blank: expected met, amber-within:MARGIN or "
              "green-within:MARGIN;amber-if:better-than-last-year, where MARGIN is a number, or a "
              "percentage such as 5%");
    EXPECT_EQ(error("traffic lights"),
              "The RAG rule 'traffic lights' is not one Civic knows: expected met, "
              "amber-within:MARGIN or green-within:MARGIN;amber-if:better-than-last-year, where "
              "MARGIN is a number, or a percentage such as 5%");
    EXPECT_EQ(error("met:5%"),
              "The RAG rule 'met:5%' has a margin, but met takes none: write just met");
    EXPECT_EQ(error("amber-within:5%;amber-if:better-than-last-year"),
              "The RAG rule 'amber-within:5%;amber-if:better-than-last-year' says amber-if, which "
              "goes only with green-within, as in green-within:10%;amber-if:better-than-last-year");
    EXPECT_EQ(error("green-within:10%;amber-if:sunny"),
              "The RAG rule 'green-within:10%;amber-if:sunny' says amber-if but not when: the only "
              "condition Civic knows is amber-if:better-than-last-year");
    EXPECT_EQ(error("green-within:10%;red-if:worse"),
              "The RAG rule 'green-within:10%;red-if:worse' has 'red-if:worse' after its first "
              "part, where only amber-if:better-than-last-year may follow green-within");
    EXPECT_FALSE(parse_rag_rule("amber-within:5%%"));
    EXPECT_FALSE(parse_rag_rule("amber-within:1,2"));
}

TEST(RagRule, DescribedInWords) {
    EXPECT_EQ(describe(rule("met")), "met or not");
    EXPECT_EQ(describe(rule("amber-within:5%")), "amber within 5%");
    EXPECT_EQ(describe(rule("amber-within:2.5")), "amber within 2.5");
    EXPECT_EQ(describe(rule("green-within:10%;amber-if:better-than-last-year")),
              "green within 10%, then amber if better than the same period last year");
    EXPECT_EQ(describe(rule("green-within:10%")), "green within 10%, then red");
}

// Numbers, polarity and formats ----------------------------------------------------------

TEST(RatingNumbers, ParseAsOfficersTypeThem) {
    EXPECT_EQ(parse_number("42"), 42);
    EXPECT_EQ(parse_number(" -3.5 "), -3.5);
    EXPECT_EQ(parse_number("1,234.5"), 1234.5);
    EXPECT_EQ(parse_number("1,234,567"), 1234567);
    EXPECT_EQ(parse_number(".5"), 0.5);
    EXPECT_EQ(parse_number("1e3"), 1000);
    EXPECT_EQ(parse_number("2.5E-1"), 0.25);
    EXPECT_EQ(parse_number("32%"), 32);
    EXPECT_EQ(parse_number("£1,234.50"), 1234.5);
    EXPECT_EQ(parse_number("-£120"), -120);
    EXPECT_EQ(parse_number("£-120"), -120);
    EXPECT_EQ(parse_number("+7"), 7);
    EXPECT_EQ(parse_number("5."), 5);
    for (std::string_view bad :
         {"",  "  ", "n/a", "12abc", "1,23", "12,34", ",123", "1,2345", "1,234,56", "1e",  ".",
          "-", "£",  "%",   "inf",   "nan",  "1e999", "1..2", "1.2.3",  "--1",      "0x10"})
        EXPECT_FALSE(parse_number(bad)) << "'" << bad << "'";
}

TEST(RatingPolarity, NamesBothWays) {
    EXPECT_EQ(polarity_from("higher"), Polarity::Higher);
    EXPECT_EQ(polarity_from(" Lower "), Polarity::Lower);
    EXPECT_EQ(polarity_from("BAND"), Polarity::Band);
    EXPECT_FALSE(polarity_from("up"));
    for (auto p : {Polarity::Higher, Polarity::Lower, Polarity::Band})
        EXPECT_EQ(polarity_from(polarity_name(p)), p);
    EXPECT_EQ(polarity_name(Polarity::Band), "band");
}

TEST(RatingFormat, ValuesInTheirUnits) {
    EXPECT_EQ(format_value(32, k_percent), "32%");
    EXPECT_EQ(format_value(99.74, {"percentage", 2}), "99.74%");
    EXPECT_EQ(format_value(32, {"percentage", 1}), "32.0%");
    EXPECT_EQ(format_value(1234, {"money", 0}), "£1,234");
    EXPECT_EQ(format_value(1234.5, {"money", 2}), "£1,234.50");
    EXPECT_EQ(format_value(1234.5, {"money", 1}), "£1,234.50");  // pence, or none
    EXPECT_EQ(format_value(-120, {"money", 0}), "-£120");
    EXPECT_EQ(format_value(26849000, {"money", 0}), "£26,849,000");
    EXPECT_EQ(format_value(4.5, {"days", 1}), "4.5 days");
    EXPECT_EQ(format_value(4.25, {"days", 2}), "4.25 days");
    EXPECT_EQ(format_value(1, k_days), "1 day");
    EXPECT_EQ(format_value(1.2, k_days), "1 day");
    EXPECT_EQ(format_value(1, {"days", 1}), "1.0 days");
    EXPECT_EQ(format_value(1234567, {"number", 0}), "1,234,567");
    EXPECT_EQ(format_value(-1234.567, {"number", 2}), "-1,234.57");
    EXPECT_EQ(format_value(0.85, {"ratio", 2}), "0.85");
    EXPECT_EQ(format_value(3.1, {"rate-per-1000", 1}), "3.1 per 1,000");
    EXPECT_EQ(format_value(0, {"number", 0}), "0");
}

TEST(RatingFormat, RoundsHalfAwayFromZeroAndNeverShowsMinusZero) {
    EXPECT_EQ(format_value(2.5, {"number", 0}), "3");
    EXPECT_EQ(format_value(-2.5, {"number", 0}), "-3");
    EXPECT_EQ(format_value(0.285, {"number", 2}), "0.29");  // 28.499999… in binary
    EXPECT_EQ(format_value(76.95, k_percent), "77%");
    EXPECT_EQ(format_value(-0.4, {"number", 0}), "0");
    EXPECT_EQ(format_value(-0.004, {"money", 2}), "£0.00");
    EXPECT_EQ(format_value(999.9996, {"number", 3}), "1,000.000");
}

TEST(RatingFormat, DifferencesInTheUnitsWords) {
    EXPECT_EQ(format_difference(-49, k_percent), "49 points");
    EXPECT_EQ(format_difference(1, k_percent), "1 point");
    EXPECT_EQ(format_difference(2.5, {"percentage", 1}), "2.5 points");
    EXPECT_EQ(format_difference(-120, {"money", 0}), "£120");
    EXPECT_EQ(format_difference(2.5, {"days", 1}), "2.5 days");
    EXPECT_EQ(format_difference(-1, k_days), "1 day");
    EXPECT_EQ(format_difference(-3, {"number", 0}), "3");
    EXPECT_EQ(format_difference(0.4, {"rate-per-1000", 1}), "0.4 per 1,000");
}

// Ratings ----------------------------------------------------------------------------------

TEST(Rating, Seed004ContactsHandledAgainstTheNationalBenchmark) {
    // 32% against 81%, higher is better, amber within 5% (4.05 points): missed by 49, red.
    const auto r = rated(Polarity::Higher, "amber-within:5%", k_percent, 32, 81);
    EXPECT_EQ(r.rag, "red");
    EXPECT_FALSE(r.met);
    ASSERT_TRUE(r.deviation);
    EXPECT_DOUBLE_EQ(*r.deviation, -49);
    ASSERT_TRUE(r.deviation_percent);
    EXPECT_NEAR(*r.deviation_percent, -60.49382716, 1e-8);  // -49 / 81 × 100
    EXPECT_EQ(r.explanation,
              "Red: 32% is 49 points below the target of 81%; the rule is amber "
              "within 5%.");
}

TEST(Rating, MetHigherIsBetter) {
    auto r = rated(Polarity::Higher, "met", k_percent, 81, 81);
    EXPECT_EQ(r.rag, "green");
    EXPECT_TRUE(r.met);
    EXPECT_EQ(*r.deviation, 0);
    EXPECT_EQ(r.explanation, "Green: 81% is on the target of 81%; the rule is met or not.");

    r = rated(Polarity::Higher, "met", k_percent, 90, 81);
    EXPECT_EQ(r.rag, "green");
    EXPECT_EQ(r.explanation,
              "Green: 90% is 9 points above the target of 81%; the rule is met or not.");

    // 80.9 looks like 81 at no decimals, so the sentence shows one place.
    r = rated(Polarity::Higher, "met", k_percent, 80.9, 81);
    EXPECT_EQ(r.rag, "red");
    EXPECT_EQ(r.explanation,
              "Red: 80.9% is 0.1 points below the target of 81.0%; the rule is met or not.");
}

TEST(Rating, MetLowerIsBetter) {
    // The standing complaint about other systems: a lower-is-better indicator on target
    // shown red.
    auto r = rated(Polarity::Lower, "met", k_days, 12, 15);
    EXPECT_EQ(r.rag, "green");
    EXPECT_TRUE(r.met);
    EXPECT_EQ(*r.deviation, -3);
    EXPECT_DOUBLE_EQ(*r.deviation_percent, -20);
    EXPECT_EQ(r.explanation,
              "Green: 12 days is 3 days below the target of 15 days, and lower is "
              "better; the rule is met or not.");

    r = rated(Polarity::Lower, "met", k_days, 16, 15);
    EXPECT_EQ(r.rag, "red");
    EXPECT_EQ(r.explanation,
              "Red: 16 days is 1 day above the target of 15 days, and lower is "
              "better; the rule is met or not.");

    EXPECT_EQ(rated(Polarity::Lower, "met", k_days, 15, 15).rag, "green");
}

TEST(Rating, AmberWithinAPercentageHigherIsBetter) {
    // 80 × 5% = 4: 78 is amber, 76 exactly on the margin is amber, 75.9 red.
    auto r = rated(Polarity::Higher, "amber-within:5%", k_percent, 78, 80);
    EXPECT_EQ(r.rag, "amber");
    EXPECT_FALSE(r.met);
    EXPECT_EQ(*r.deviation, -2);
    EXPECT_DOUBLE_EQ(*r.deviation_percent, -2.5);
    EXPECT_EQ(r.explanation,
              "Amber: 78% is 2 points below the target of 80%, within 5% of it; "
              "the rule is amber within 5%.");
    EXPECT_EQ(rated(Polarity::Higher, "amber-within:5%", k_percent, 76, 80).rag, "amber");
    EXPECT_EQ(rated(Polarity::Higher, "amber-within:5%", k_percent, 75.9, 80).rag, "red");
    EXPECT_EQ(rated(Polarity::Higher, "amber-within:5%", k_percent, 80, 80).rag, "green");
    EXPECT_EQ(rated(Polarity::Higher, "amber-within:5%", k_percent, 95, 80).rag, "green");
}

TEST(Rating, ExactlyOnTheMarginDespiteFloatingPoint) {
    // 81 × 5% = 4.05 and 81 − 4.05 = 76.95, which binary arithmetic misses by a hair.
    auto r = rated(Polarity::Higher, "amber-within:5%", {"percentage", 2}, 76.95, 81);
    EXPECT_EQ(r.rag, "amber");
    EXPECT_EQ(r.explanation,
              "Amber: 76.95% is 4.05 points below the target of 81.00%, within 5% "
              "of it; the rule is amber within 5%.");
    EXPECT_EQ(rated(Polarity::Higher, "amber-within:5%", k_percent, 76.94, 81).rag, "red");
    // Lower is better: 81 + 4.05 = 85.05.
    EXPECT_EQ(rated(Polarity::Lower, "amber-within:5%", k_percent, 85.05, 81).rag, "amber");
    EXPECT_EQ(rated(Polarity::Lower, "amber-within:5%", k_percent, 85.06, 81).rag, "red");
    // 0.1 + 0.2 against 0.3 with an absolute margin of 0: met, not missed by 5.5e-17.
    EXPECT_EQ(rated(Polarity::Lower, "met", {"ratio", 2}, 0.1 + 0.2, 0.3).rag, "green");
    // 0.7 − 0.1 is 0.6 short of 0.7 only in binary: amber within 0.1 exactly.
    EXPECT_EQ(rated(Polarity::Higher, "amber-within:0.1", {"ratio", 2}, 0.6, 0.7).rag, "amber");
}

TEST(Rating, AmberWithinAnAbsoluteMarginLowerIsBetter) {
    // Target 10 days, amber within 2.5 days: 12.5 amber (on the margin), 12.6 red, 9 green.
    const Format f{"days", 1};
    auto r = rated(Polarity::Lower, "amber-within:2.5", f, 12.5, 10);
    EXPECT_EQ(r.rag, "amber");
    EXPECT_EQ(*r.deviation, 2.5);
    EXPECT_DOUBLE_EQ(*r.deviation_percent, 25);
    EXPECT_EQ(r.explanation,
              "Amber: 12.5 days is 2.5 days above the target of 10.0 days, within 2.5 days of it, "
              "and lower is better; the rule is amber within 2.5 days.");
    r = rated(Polarity::Lower, "amber-within:2.5", f, 12.6, 10);
    EXPECT_EQ(r.rag, "red");
    EXPECT_EQ(r.explanation,
              "Red: 12.6 days is 2.6 days above the target of 10.0 days, and lower "
              "is better; the rule is amber within 2.5 days.");
    EXPECT_EQ(rated(Polarity::Lower, "amber-within:2.5", f, 9, 10).rag, "green");
    // A margin finer than the indicator's decimals is shown as written.
    r = rated(Polarity::Higher, "amber-within:2.5", k_percent, 78, 80);
    EXPECT_EQ(r.explanation,
              "Amber: 78% is 2 points below the target of 80%, within 2.5 points "
              "of it; the rule is amber within 2.5 points.");
}

TEST(Rating, AmberWithinMoney) {
    const Format f{"money", 0};
    auto r = rated(Polarity::Lower, "amber-within:£500", f, 10450, 10000);
    EXPECT_EQ(r.rag, "amber");
    EXPECT_EQ(r.explanation,
              "Amber: £10,450 is £450 above the target of £10,000, within £500 of "
              "it, and lower is better; the rule is amber within £500.");
}

TEST(Rating, GreenWithinAndBetterThanLastYear) {
    const std::string_view g = "green-within:10%;amber-if:better-than-last-year";
    const std::string words =
        "; the rule is green within 10%, then amber if better than the same period last year.";
    // Target 80, higher is better: green down to 72 (80 × 10% = 8).
    auto r = rated(Polarity::Higher, g, k_percent, 75, 80, 90);
    EXPECT_EQ(r.rag, "green");
    EXPECT_FALSE(r.met);
    EXPECT_EQ(r.explanation,
              "Green: 75% is 5 points below the target of 80%, within 10% of it" + words);
    EXPECT_EQ(rated(Polarity::Higher, g, k_percent, 72, 80).rag, "green");  // on the margin
    EXPECT_EQ(rated(Polarity::Higher, g, k_percent, 85, 80).rag, "green");

    r = rated(Polarity::Higher, g, k_percent, 70, 80, 65);
    EXPECT_EQ(r.rag, "amber");
    EXPECT_EQ(r.explanation,
              "Amber: 70% is 10 points below the target of 80%, but better than 65% a year "
              "before" +
                  words);

    r = rated(Polarity::Higher, g, k_percent, 70, 80, 72);
    EXPECT_EQ(r.rag, "red");
    EXPECT_EQ(r.explanation,
              "Red: 70% is 10 points below the target of 80%, and no better than 72% a year "
              "before" +
                  words);
    EXPECT_EQ(rated(Polarity::Higher, g, k_percent, 70, 80, 70).rag, "red");  // same is not better

    r = rated(Polarity::Higher, g, k_percent, 70, 80);
    EXPECT_EQ(r.rag, "red");
    EXPECT_EQ(r.explanation,
              "Red: 70% is 10 points below the target of 80%, and there was no value a year "
              "before to compare it with" +
                  words);
}

TEST(Rating, GreenWithinLowerIsBetter) {
    const std::string_view g = "green-within:10%;amber-if:better-than-last-year";
    // Target 10 days: green up to 11 (10 × 10% = 1).
    EXPECT_EQ(rated(Polarity::Lower, g, k_days, 11, 10).rag, "green");
    EXPECT_EQ(rated(Polarity::Lower, g, k_days, 8, 10).rag, "green");
    auto r = rated(Polarity::Lower, g, k_days, 13, 10, 14);
    EXPECT_EQ(r.rag, "amber");
    EXPECT_EQ(r.explanation,
              "Amber: 13 days is 3 days above the target of 10 days, but better than 14 days a "
              "year before, and lower is better; the rule is green within 10%, then amber if "
              "better than the same period last year.");
    EXPECT_EQ(rated(Polarity::Lower, g, k_days, 13, 10, 12).rag, "red");
    EXPECT_EQ(rated(Polarity::Lower, g, k_days, 13, 10).rag, "red");
}

TEST(Rating, GreenWithinWithoutAmber) {
    auto r = rated(Polarity::Higher, "green-within:10%", k_percent, 70, 80, 60);
    EXPECT_EQ(r.rag, "red");
    EXPECT_EQ(r.explanation,
              "Red: 70% is 10 points below the target of 80%, more than 10% from "
              "it; the rule is green within 10%, then red.");
}

TEST(Rating, BandIsGreenInsideAndMeasuredFromTheNearestEdge) {
    auto r = rated_band("met", 50, 40, 60);
    EXPECT_EQ(r.rag, "green");
    EXPECT_TRUE(r.met);
    EXPECT_EQ(*r.deviation, 0);
    EXPECT_EQ(*r.deviation_percent, 0);
    EXPECT_EQ(r.explanation,
              "Green: 50% is inside the target band of 40% to 60%; the rule is met or not.");
    EXPECT_EQ(rated_band("met", 40, 40, 60).rag, "green");  // the edges are inside
    EXPECT_EQ(rated_band("met", 60, 40, 60).rag, "green");
    EXPECT_EQ(rated_band("met", 61, 40, 60).rag, "red");

    // Above: 60 × 10% = 6, so 65 is amber, 5 points (8.33%) above the band.
    r = rated_band("amber-within:10%", 65, 40, 60);
    EXPECT_EQ(r.rag, "amber");
    EXPECT_FALSE(r.met);
    EXPECT_EQ(*r.deviation, 5);
    EXPECT_NEAR(*r.deviation_percent, 8.333333333, 1e-8);
    EXPECT_EQ(r.explanation,
              "Amber: 65% is 5 points above the target band of 40% to 60%, within "
              "10% of it; the rule is amber within 10%.");
    EXPECT_EQ(rated_band("amber-within:10%", 66, 40, 60).rag, "amber");  // on the margin
    // Below: 40 × 10% = 4, so 35 is red, 5 points (12.5%) below.
    r = rated_band("amber-within:10%", 35, 40, 60);
    EXPECT_EQ(r.rag, "red");
    EXPECT_EQ(*r.deviation, -5);
    EXPECT_DOUBLE_EQ(*r.deviation_percent, -12.5);
    EXPECT_EQ(r.explanation,
              "Red: 35% is 5 points below the target band of 40% to 60%; the rule "
              "is amber within 10%.");
    EXPECT_EQ(rated_band("amber-within:10%", 36, 40, 60).rag, "amber");

    // Green within, then better than last year by nearness to the band.
    const std::string_view g = "green-within:10%;amber-if:better-than-last-year";
    EXPECT_EQ(rated_band(g, 30, 40, 60, 25).rag, "amber");
    EXPECT_EQ(rated_band(g, 30, 40, 60, 75).rag, "amber");  // 10 from the band against 15
    EXPECT_EQ(rated_band(g, 30, 40, 60, 65).rag, "red");    // 10 against 5
    EXPECT_EQ(rated_band(g, 30, 40, 60, 50).rag, "red");

    // One open edge.
    r = rated_band("met", 30, 40, std::nullopt);
    EXPECT_EQ(r.rag, "red");
    EXPECT_EQ(r.explanation,
              "Red: 30% is 10 points below the target band of 40% or more; the rule is met or "
              "not.");
    EXPECT_EQ(rated_band("met", 99, 40, std::nullopt).rag, "green");
}

TEST(Rating, NoneWithoutATargetAwaitingWithoutAValue) {
    auto r = rated(Polarity::Higher, "amber-within:5%", k_percent, 32, std::nullopt);
    EXPECT_EQ(r.rag, "none");
    EXPECT_FALSE(r.deviation);
    EXPECT_FALSE(r.deviation_percent);
    EXPECT_EQ(r.explanation, "None: there is no target to rate 32% against.");

    r = rated(Polarity::Higher, "amber-within:5%", k_percent, std::nullopt, 81);
    EXPECT_EQ(r.rag, "awaiting");
    EXPECT_FALSE(r.deviation);
    EXPECT_EQ(r.explanation, "Awaiting: there is no value yet to rate against the target of 81%.");

    EXPECT_EQ(rated(Polarity::Higher, "met", k_percent, std::nullopt, std::nullopt).rag, "none");
    EXPECT_EQ(rated_band("met", 50, std::nullopt, std::nullopt).rag, "none");
    EXPECT_EQ(rated_band("met", std::nullopt, 40, 60).rag, "awaiting");
}

TEST(Rating, ATargetOfZeroHasNoPercentageDeviation) {
    // Zero complaints to the Ombudsman upheld: a 5% margin of 0 is 0.
    auto r = rated(Polarity::Lower, "amber-within:5%", {"number", 0}, 2, 0);
    EXPECT_EQ(r.rag, "red");
    EXPECT_EQ(*r.deviation, 2);
    EXPECT_FALSE(r.deviation_percent);
    EXPECT_EQ(rated(Polarity::Lower, "amber-within:5%", {"number", 0}, 0, 0).rag, "green");
}

// Direction of travel -----------------------------------------------------------------------

TEST(Direction, ByPolarity) {
    auto d = direction_of(Polarity::Higher, k_percent, 34, 30, "2024/25 Q1");
    EXPECT_EQ(d.direction, "better");
    EXPECT_EQ(d.compared_with, 30);
    EXPECT_EQ(d.change, 4);
    EXPECT_EQ(d.explanation, "Better: 34% against 30% in 2024/25 Q1.");

    d = direction_of(Polarity::Higher, k_percent, 28, 30, "2024/25 Q1");
    EXPECT_EQ(d.direction, "worse");
    EXPECT_EQ(d.change, -2);
    EXPECT_EQ(d.explanation, "Worse: 28% against 30% in 2024/25 Q1.");

    d = direction_of(Polarity::Lower, k_days, 10, 12, "2024/25 Q1");
    EXPECT_EQ(d.direction, "better");
    EXPECT_EQ(d.explanation, "Better: 10 days against 12 days in 2024/25 Q1, and lower is better.");
    EXPECT_EQ(direction_of(Polarity::Lower, k_days, 14, 12, "2024/25 Q1").direction, "worse");

    d = direction_of(Polarity::Higher, k_percent, 30, 30, "2024/25 Q1");
    EXPECT_EQ(d.direction, "same");
    EXPECT_EQ(d.explanation, "Same: 30% against 30% in 2024/25 Q1.");
    EXPECT_EQ(direction_of(Polarity::Higher, {"ratio", 2}, 0.1 + 0.2, 0.3, "2025-04").direction,
              "same");
    // A change the decimals hide is shown with enough places to see it.
    d = direction_of(Polarity::Higher, k_percent, 30.4, 30, "2024/25 Q1");
    EXPECT_EQ(d.direction, "better");
    EXPECT_EQ(d.explanation, "Better: 30.4% against 30.0% in 2024/25 Q1.");
}

TEST(Direction, NoneWhenEitherIsMissing) {
    auto d = direction_of(Polarity::Higher, k_percent, 34, std::nullopt, "2024/25 Q1");
    EXPECT_EQ(d.direction, "none");
    EXPECT_FALSE(d.compared_with);
    EXPECT_FALSE(d.change);
    EXPECT_EQ(d.explanation, "None: there is no value for 2024/25 Q1 to compare with.");
    d = direction_of(Polarity::Higher, k_percent, std::nullopt, 30, "2024/25 Q1");
    EXPECT_EQ(d.direction, "none");
    EXPECT_EQ(d.compared_with, 30);
    EXPECT_EQ(d.explanation, "None: there is no value yet to compare with 30% in 2024/25 Q1.");
    d = direction_of(Polarity::Higher, k_percent, 34, std::nullopt, "");
    EXPECT_EQ(d.explanation, "None: there is no value for the period before to compare with.");
}

TEST(Direction, ABandIsBetterNearerIt) {
    const Target band{std::nullopt, 40, 60};
    auto d = direction_of(Polarity::Band, k_percent, 35, 30, "2024/25 Q1", band);
    EXPECT_EQ(d.direction, "better");
    EXPECT_EQ(d.explanation, "Better: 35% against 30% in 2024/25 Q1, nearer the target band.");
    // 30 is 10 below, 65 is 5 above: worse.
    d = direction_of(Polarity::Band, k_percent, 30, 65, "2024/25 Q1", band);
    EXPECT_EQ(d.direction, "worse");
    EXPECT_EQ(d.explanation, "Worse: 30% against 65% in 2024/25 Q1, further from the target band.");
    d = direction_of(Polarity::Band, k_percent, 45, 55, "2024/25 Q1", band);
    EXPECT_EQ(d.direction, "same");
    EXPECT_EQ(d.explanation, "Same: 45% against 55% in 2024/25 Q1, both inside the target band.");
    EXPECT_EQ(direction_of(Polarity::Band, k_percent, 50, 70, "2024/25 Q1", band).direction,
              "better");
    EXPECT_EQ(direction_of(Polarity::Band, k_percent, 50, 70, "2024/25 Q1").direction, "none");
}

// Aggregation ------------------------------------------------------------------------------

TEST(Aggregate, SumAndMean) {
    const std::vector<PartValue> months = {
        {"2025-04", 10, {}, {}}, {"2025-05", 20, {}, {}}, {"2025-06", 45, {}, {}}};
    auto a = aggregate("sum", "number", months);
    EXPECT_EQ(a.value, 75);
    EXPECT_EQ(a.parts, 3);
    EXPECT_EQ(a.explanation, "The sum of 3 months: 2025-04, 2025-05 and 2025-06.");
    a = aggregate("mean", "number", months);
    EXPECT_EQ(a.value, 25);
    EXPECT_EQ(a.explanation, "The mean of 3 months: 2025-04, 2025-05 and 2025-06.");

    const std::vector<PartValue> gappy = {{"2025/26 Q1", 10, {}, {}},
                                          {"2025/26 Q2", {}, {}, {}},
                                          {"2025/26 Q3", 20, {}, {}},
                                          {"2025/26 Q4", {}, {}, {}}};
    a = aggregate("mean", "days", gappy);
    EXPECT_EQ(a.value, 15);
    EXPECT_EQ(a.parts, 2);
    EXPECT_EQ(a.explanation,
              "The mean of 2 quarters: 2025/26 Q1 and 2025/26 Q3; 2025/26 Q2 and "
              "2025/26 Q4 have no value.");
    a = aggregate("sum", "number", {{"2025-04", {}, {}, {}}});
    EXPECT_FALSE(a.value);
    EXPECT_EQ(a.parts, 0);
    EXPECT_EQ(a.explanation, "There is no value for any of the 1 month: 2025-04.");
    EXPECT_FALSE(aggregate("sum", "number", {}).value);
}

TEST(Aggregate, LastIsTheLatestPeriodWithAValue) {
    const std::vector<PartValue> months = {
        {"2025-04", 10, {}, {}}, {"2025-05", 20, {}, {}}, {"2025-06", {}, {}, {}}};
    auto a = aggregate("last", "percentage", months);
    EXPECT_EQ(a.value, 20);
    EXPECT_EQ(a.parts, 2);
    EXPECT_EQ(a.explanation,
              "The value of 2025-05, the latest month with a value; 2025-06 has no value.");
    a = aggregate("last", "percentage", {{"2025-04", 10, {}, {}}, {"2025-05", 12, {}, {}}});
    EXPECT_EQ(a.value, 12);
    EXPECT_EQ(a.explanation, "The value of 2025-05, the latest month with a value.");
}

TEST(Aggregate, RatioOfSummedNumeratorsToSummedDenominators) {
    // (30 + 45 + 5) / (100 + 100 + 50) × 100 = 80 / 250 × 100 = 32, not the mean of 30%, 45%
    // and 10%.
    const std::vector<PartValue> months = {{"2025-04", 30, 30, 100},
                                           {"2025-05", 45, 45, 100},
                                           {"2025-06", 10, 5, 50},
                                           {"2025-07", 50, {}, 40},
                                           {"2025-08", {}, 1, {}}};
    auto a = aggregate("ratio", "percentage", months);
    ASSERT_TRUE(a.value);
    EXPECT_DOUBLE_EQ(*a.value, 32);
    EXPECT_EQ(a.numerator, 80);
    EXPECT_EQ(a.denominator, 250);
    EXPECT_EQ(a.parts, 3);
    EXPECT_EQ(a.explanation,
              "The summed numerators over the summed denominators of 3 months (2025-04, 2025-05 "
              "and 2025-06): 80 / 250 × 100 = 32; 2025-07 and 2025-08 are left out, with no "
              "numerator or denominator.");

    // Per 1,000: 12 / 4,000 × 1,000 = 3.
    a = aggregate("ratio", "rate-per-1000", {{"2025/26", {}, 12, 4000}});
    EXPECT_DOUBLE_EQ(*a.value, 3);
    EXPECT_EQ(a.explanation,
              "The summed numerators over the summed denominators of 1 financial "
              "year (2025/26): 12 / 4,000 × 1,000 = 3.");
    a = aggregate("ratio", "ratio", {{"2025-04", {}, 17, 20}});
    EXPECT_DOUBLE_EQ(*a.value, 0.85);

    a = aggregate("ratio", "percentage", {{"2025-04", {}, 0, 0}});
    EXPECT_FALSE(a.value);
    EXPECT_EQ(a.explanation,
              "The summed denominators of 1 month (2025-04) come to 0, so there is no ratio.");
    a = aggregate("ratio", "percentage", {{"2025-04", 5, {}, {}}});
    EXPECT_FALSE(a.value);
    EXPECT_EQ(a.parts, 0);
}

TEST(Aggregate, UnknownWayAndMultipliers) {
    const auto a = aggregate("median", "number", {{"2025-04", 1, {}, {}}});
    EXPECT_FALSE(a.value);
    EXPECT_EQ(a.explanation,
              "Civic does not know how to combine periods by 'median': expected "
              "sum, mean, last or ratio.");
    EXPECT_EQ(unit_multiplier("percentage"), 100);
    EXPECT_EQ(unit_multiplier("rate-per-1000"), 1000);
    EXPECT_EQ(unit_multiplier("ratio"), 1);
    EXPECT_EQ(unit_multiplier("money"), 1);
}

}  // namespace
}  // namespace civic::indicators

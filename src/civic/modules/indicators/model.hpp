// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Performance indicators: each indicator's definition (unit, polarity, frequency, how its
// periods add up, its RAG rule, who owns it and who enters its data, and by when); its values
// per period, every revision kept, through draft, submitted and approved; its targets per
// period, an annual target profiled to quarters or months; and the benchmark datasets of
// other councils' figures it is compared with.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/modules/kit/page.hpp"

namespace civic::indicators {

inline constexpr std::string_view k_frequencies[] = {"monthly", "quarterly", "annual",
                                                     "multi-year"};
inline constexpr std::string_view k_indicator_kinds[] = {"statutory", "local"};
// A value's state: draft (being entered), submitted (for approval), approved (published,
// locked), superseded (an approved value a later approved revision replaced).
inline constexpr std::string_view k_value_statuses[] = {"draft", "submitted", "approved",
                                                        "superseded"};

struct Indicator {
    std::string id;
    std::string code;  // as the council writes it: "BV 8", "CS-01"; unique
    std::string title;
    std::string description;
    std::string unit_id;                  // the owning unit: whose scope the indicator follows
    std::string unit_path;                // of unit_id, for scope checks
    std::string measure_unit = "number";  // k_units: percentage, number, money, …
    std::int64_t decimals = 0;
    std::string polarity = "higher";      // higher, lower, band
    std::string frequency = "quarterly";  // k_frequencies
    std::string aggregation = "sum";      // k_aggregations
    std::string kind = "local";           // statutory, local
    std::string source;
    std::optional<std::string> owner_person_id;  // accountable for it
    std::optional<std::string> entry_person_id;  // enters its values
    // Values are due this many working days after each period ends (core/working_days).
    std::int64_t entry_deadline_days = 10;
    std::string rag_rule = "met";  // the canonical CSV spelling (rating.hpp)
    // Whether an amber or red value needs a commentary before it is submitted.
    bool commentary_required = true;
    std::optional<double> plausible_min, plausible_max;
    std::optional<double> baseline;
    std::optional<std::string> baseline_period;
    // The dataset metric and area it is benchmarked against, if any.
    std::optional<std::string> benchmark_dataset, benchmark_metric, benchmark_area;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

// One revision of a value for a period. The value of a period is its latest approved
// revision; a later draft or submitted revision is a correction in progress.
struct Value {
    std::string id;
    std::string indicator_id;
    std::string unit_path;  // of the indicator's unit
    std::string period;     // canonical, core/period
    std::int64_t revision = 1;
    std::optional<double> value;
    std::optional<double> numerator, denominator;
    std::string note;        // about the data: its source, a caveat
    std::string commentary;  // about the performance: why it is amber or red, what is done
    std::string status = "draft";
    std::string reason;  // a correction's reason (revision 2 on)
    // Who entered, submitted and approved it: the user's name.
    std::string entered_by;
    std::optional<std::string> submitted_by, submitted_at;
    std::optional<std::string> approved_by, approved_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

// A target for a period: a value, or a band for a band indicator. A target profiled from a
// longer period's says where it came from and how.
struct TargetRecord {
    std::string id;
    std::string indicator_id;
    std::string unit_path;
    std::string period;
    std::optional<double> value;
    std::optional<double> low, high;
    std::optional<std::string> profiled_from;  // the annual period it was profiled from
    std::string profile;  // "Profiled evenly from the 2025/26 target of 400: a quarter each."
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

boost::json::object to_json(const Indicator& i);
boost::json::object to_json(const Value& v);
boost::json::object to_json(const TargetRecord& t);

template <typename T>
using Page = kit::Page<T>;

}  // namespace civic::indicators

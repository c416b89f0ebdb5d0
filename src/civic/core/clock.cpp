// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/clock.hpp"

#include <fmt/format.h>

#include "civic/core/date.hpp"

namespace civic {

std::string format_timestamp(TimePoint t) {
    using namespace std::chrono;
    const auto ms = time_point_cast<milliseconds>(t);
    const auto day = floor<days>(ms);
    const year_month_day ymd{day};
    const hh_mm_ss hms{ms - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", int(ymd.year()),
                       unsigned(ymd.month()), unsigned(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count(), hms.subseconds().count());
}

bool is_iso_date(std::string_view text) { return parse_iso_date(text).has_value(); }

}  // namespace civic
